#!/usr/bin/env bash
# The project's test command (README, CI): set-up if needed, the test-only Debian packages
# (style, fuzzing, scripts/browsers.sh), then
#   0. the style checks (scripts/check_format.sh: clang-format, Prettier)
#   1. the native GoogleTest suite (CTest), then again under AddressSanitizer +
#      UndefinedBehaviorSanitizer (any report fails it), then the trainer's (train/, built
#      with its Debian packages by scripts/build.sh train)
#   2. the TypeScript declarations against a typed usage example
#   3. the Node tests (node --test): public API on all three WebAssembly builds, Workers,
#      CLIs, hostile input, memory, determinism, concurrency, video mode, the packed
#      package in Node/Vite/webpack apps, Chromium, Firefox and WebKitGTK (API, demo, CSP)
#   4. a short fuzz pass over the committed corpora (scripts/fuzz.sh)
#   5. parity of the WebAssembly CLI with the golden outputs on every dataset and run in
#      ../shared/data (SPEC.md's bar); where ../shared is absent this step says SKIPPED.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/lib.sh"
root="$(cd "$here/.." && pwd)"
cd "$root"

bash "$here/setup.sh"
ensure_apt_packages clang-format git `# the style check` clang-14 libclang-rt-14-dev `# libFuzzer`
bash "$here/browsers.sh"

log "style (scripts/check_format.sh)"
bash "$here/check_format.sh"

log "native tests (ctest)"
ctest --test-dir build/native --output-on-failure --no-tests=error -j 2

log "native tests under AddressSanitizer + UndefinedBehaviorSanitizer (build/native-asan)"
cmake --preset native-asan >/dev/null
cmake --build build/native-asan -j 2
ctest --test-dir build/native-asan --output-on-failure --no-tests=error -j 2

log "trainer tests (build/train)"
bash "$here/build.sh" train
ctest --test-dir build/train --output-on-failure --no-tests=error -j 2

log "TypeScript declarations (tsc --noEmit on tests/types/usage.ts)"
npx --no-install tsc -p tests/types

log "Node tests (node --test)"
node --test tests/node/

log "short fuzz pass (scripts/fuzz.sh)"
bash scripts/fuzz.sh "${MTCNN_FUZZ_SECONDS:-20}"

shared="${MTCNN_SHARED:-$root/../shared}"
if [ -d "$shared/data/golden" ] && [ -d "$shared/data/decoded" ]; then
  log "parity of the WebAssembly CLI with the golden outputs"
  node tests/parity/parity.mjs --cli wasm --out build/parity
else
  log "SKIPPED parity: no golden data at $shared (set MTCNN_SHARED)"
fi
log "every check passed"
