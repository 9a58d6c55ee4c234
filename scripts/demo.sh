#!/usr/bin/env bash
# Installs what is needed, builds Pixmark, creates the bundled demo project (once) and
# starts the GUI on it. Without a display it runs under Xvfb, saves a screenshot to
# build/demo/pixmark.png and exits.
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/install-deps.sh

cmake --preset default
cmake --build --preset default --target pixmark pixmark-cli

demo=build/demo/Demo.pixmark
if [ ! -f "$demo" ]; then
  ./scripts/make-demo-project.sh build/app/cli/pixmark-cli "$demo"
fi

if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  exec build/app/gui/pixmark "$demo"
fi
echo "demo: no display found; running under Xvfb and saving a screenshot to build/demo/pixmark.png" >&2
xvfb-run -a -s "-screen 0 1280x800x24" build/app/gui/pixmark --screenshot build/demo/pixmark.png "$demo"
echo "demo: screenshot written to build/demo/pixmark.png" >&2
