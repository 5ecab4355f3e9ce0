#!/usr/bin/env bash
# Builds the project (third-party XNNPACK builds must exist: scripts/setup.sh makes them).
#
#   scripts/build.sh [native|wasm|threads|simd|plain|all|train]   (default: all)
#
# native: build/native (library, mtcnn-cli, mtcnn_tests). WebAssembly: build/wasm-<variant>,
# whose mtcnn-<variant>.{mjs,wasm,worker.js} are copied into web/dist for the npm package.
# train: build/train (the trainer, mtcnn-train, and its tests), after installing its Debian
# packages; not part of 'all', as the detector does not need it.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/lib.sh"
root="$(cd "$here/.." && pwd)"
what="${1:-all}"

build_native() {
  log "building native (build/native)"
  cmake -S "$root" -B "$root/build/native" -G Ninja -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=ON >/dev/null
  cmake --build "$root/build/native" -j 2
}

build_wasm() { # variant
  local v="$1" dir="$root/build/wasm-$1"
  log "building WebAssembly '$v' ($dir)"
  emcmake cmake -S "$root" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DMTCNN_WASM_VARIANT="$v" >/dev/null
  cmake --build "$dir" -j 2
  mkdir -p "$root/web/dist"
  cp "$dir/dist/mtcnn-$v.mjs" "$dir/dist/mtcnn-$v.wasm" "$dir/dist/limits.mjs" "$root/web/dist/"
  if [ -f "$dir/dist/mtcnn-$v.worker.js" ]; then cp "$dir/dist/mtcnn-$v.worker.js" "$root/web/dist/"; fi
  # The pthread worker glue is CommonJS while the package is "type": "module".
  echo '{"type": "commonjs"}' >"$root/web/dist/package.json"
}

build_train() {
  ensure_apt_packages libtorch-dev `# libtorch's C++ API` libcli11-dev `# its command line` \
    build-essential cmake ninja-build pkg-config libgtest-dev nlohmann-json3-dev libstb-dev
  log "building the trainer (build/train)"
  cmake -S "$root/train" -B "$root/build/train" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$root/build/train" -j 2
}

case "$what" in
  native) build_native ;;
  wasm) for v in threads simd plain; do build_wasm "$v"; done ;;
  threads|simd|plain) build_wasm "$what" ;;
  all) build_native; for v in threads simd plain; do build_wasm "$v"; done ;;
  train) build_train ;;
  *) die "usage: $(basename "$0") [native|wasm|threads|simd|plain|all|train]" ;;
esac
