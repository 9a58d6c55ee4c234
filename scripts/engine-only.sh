#!/usr/bin/env bash
# Builds ml/engine alone (LibTorch and Catch2's single header, nothing else), runs its tests and
# measures the classifier against PyTorch eager (tests/bench/ml_speed.sh). For the GPU machine,
# whose python3 holds CUDA PyTorch and its LibTorch, and as a check here that the engine needs
# nothing but LibTorch.
#   scripts/engine-only.sh BUILD_DIR [SIDE BATCH STEPS ROUNDS]
# Environment: CATCH2_INCLUDE_DIR, the folder holding catch2/catch.hpp where the catch2 package
# is not installed; PYTHON, a python3 that imports torch (its LibTorch is the one built against,
# when it ships LibTorch's CMake files).
set -euo pipefail
cd "$(dirname "$0")/.."
build=$1
shift

python=
for candidate in ${PYTHON:-} python3 /usr/bin/python3; do
  if "$candidate" -c 'import torch' 2>/dev/null; then python=$candidate; break; fi
done
prefix=()
if [ -n "$python" ]; then
  torch_cmake=$("$python" -c 'import torch.utils; print(torch.utils.cmake_prefix_path)')
  [ -f "$torch_cmake/Torch/TorchConfig.cmake" ] && prefix=(-DCMAKE_PREFIX_PATH="$torch_cmake")
fi
catch2=()
[ -n "${CATCH2_INCLUDE_DIR:-}" ] && catch2=(-DCATCH2_INCLUDE_DIR="$CATCH2_INCLUDE_DIR")

cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DPIXMARK_ENGINE_ONLY=ON "${prefix[@]}" "${catch2[@]}"
cmake --build "$build"
ctest --test-dir "$build" --output-on-failure
tests/bench/ml_speed.sh "$build/tests/bench/pixmark_ml_quality_bench" "$build/speed" "$@"
