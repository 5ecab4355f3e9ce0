#!/usr/bin/env bash
# Everything a fresh Debian 12 machine needs, idempotently (a second run takes seconds):
#   1. Debian packages for building (only the missing ones; the test-only ones are
#      installed by scripts/test.sh and scripts/browsers.sh)
#   2. npm dependencies (npm ci when node_modules is missing or stale)
#   3. XNNPACK + pthreadpool (+ cpuinfo) from Debian source packages, patched and built
#      for native and the three WebAssembly variants, cached under ~/.cache/mtcnn-wasm
#   4. the project itself (scripts/build.sh all)
# Set MTCNN_SKIP_BUILD=1 to stop after step 3.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/lib.sh"
root="$(cd "$here/.." && pwd)"

ensure_apt_packages \
  build-essential cmake ninja-build pkg-config xz-utils patch `# native toolchain` \
  emscripten `# emcc 3.1.6 (bookworm)` \
  libgtest-dev nlohmann-json3-dev libstb-dev `# tests, JSON, PNG/JPEG decoding` \
  python3-numpy python3-opencv `# the reference oracle (/usr/bin/python3)`

# npm dependencies: reinstall when package-lock.json changed since the last install.
stamp="$root/node_modules/.mtcnn-lock-sha256"
lock_sha=$(sha256sum "$root/package-lock.json" | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$lock_sha" ]; then
  log "installing npm dependencies"
  (cd "$root" && npm ci --no-audit --no-fund >/dev/null)
  echo "$lock_sha" >"$stamp"
fi

for variant in native wasm-threads wasm-simd wasm-plain; do
  bash "$here/build_third_party.sh" "$variant" >/dev/null
done

if [ -z "${MTCNN_SKIP_BUILD:-}" ]; then
  bash "$here/build.sh" all
fi
log "set-up complete"
