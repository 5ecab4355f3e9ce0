#!/usr/bin/env bash
# Everything a fresh Debian 12 machine needs, idempotently (a second run takes seconds):
#   1. Debian packages (only the missing ones are installed)
#   2. npm dependencies (npm ci when node_modules is missing or stale)
#   3. XNNPACK + pthreadpool (+ cpuinfo) from Debian source packages, patched and built
#      for native and the three WebAssembly variants, cached under ~/.cache/mtcnn-wasm
#   4. the project itself (scripts/build.sh all)
# Set MTCNN_SKIP_BUILD=1 to stop after step 3.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/lib.sh"
root="$(cd "$here/.." && pwd)"

APT_PACKAGES=(
  build-essential cmake ninja-build pkg-config xz-utils patch   # native toolchain
  emscripten                                                    # emcc 3.1.6 (bookworm)
  libgtest-dev nlohmann-json3-dev libstb-dev                    # tests, JSON, PNG/JPEG decoding
  python3-numpy python3-opencv                                  # the reference oracle (/usr/bin/python3)
  chromium fonts-dejavu-core                                    # browser tests (playwright-core drives it); CLI --draw text
  clang-14 libclang-rt-14-dev                                   # libFuzzer targets (scripts/fuzz.sh)
  clang-format git                                              # the style check (scripts/check_format.sh)
)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  log "installing Debian packages: ${missing[*]}"
  sudo_cmd=(); [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

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
