#!/usr/bin/env bash
# Installs everything Pixmark needs to build, run and test on Debian 12 (bookworm).
# Idempotent: apt-get skips what is already there. Run as root or with sudo available.
set -euo pipefail

packages=(
  # toolchain
  build-essential cmake ninja-build pkg-config git
  # GUI
  qt6-base-dev qt6-charts-dev qt6-svg-dev libqt6opengl6-dev libgl-dev libxkbcommon-dev libvulkan-dev
  # images
  libopencv-dev libturbojpeg0-dev libdcmtk-dev libpng-dev
  # ML (Debian's CPU build of LibTorch)
  libtorch-dev
  # storage, formats, command line
  libsqlite3-dev sqlite3 nlohmann-json3-dev libsimdjson-dev libxxhash-dev libcli11-dev libtinyxml2-dev
  # tests: framework, headless display, real data sets
  catch2 xvfb xauth desktop-file-utils python3 python3-pydicom dataset-fashion-mnist
)

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps: installing ${#missing[@]} packages: ${missing[*]}" >&2
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "install-deps: all packages present" >&2
fi
