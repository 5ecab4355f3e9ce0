#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, AddressSanitizer + UndefinedBehaviorSanitizer on the
# whole core) into build/fuzz and runs each over its committed corpus (fuzz/corpus/<name>).
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET]   (default 30; CI's short pass)
#   scripts/fuzz.sh grow SECONDS           runs longer and merges new finds into the corpus
#
# New inputs found in a short pass go to a scratch folder, not into the committed corpus;
# a crash leaves its reproducer in build/fuzz/artifacts and fails the script, and so does a
# fuzzer that exits with an error and no reproducer (its log is kept in build/fuzz).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/lib.sh"
root="$(cd "$here/.." && pwd)"
mode=short
if [ "${1:-}" = grow ]; then mode=grow; shift; fi
seconds="${1:-30}"

build="$root/build/fuzz"
flags="-fsanitize=address,undefined,fuzzer-no-link -fno-sanitize-recover=all -fno-omit-frame-pointer -g"
CC=clang-14 CXX=clang++-14 cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DBUILD_TESTING=OFF -DMTCNN_FUZZ=ON -DCMAKE_CXX_FLAGS="$flags" -DCMAKE_C_FLAGS="$flags" \
  -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" >/dev/null
cmake --build "$build" -j 2 --target fuzz_detect fuzz_geometry fuzz_weights

mkdir -p "$build/artifacts"
for target in fuzz_detect fuzz_geometry fuzz_weights; do
  corpus="$root/fuzz/corpus/${target#fuzz_}"
  scratch="$build/new-${target#fuzz_}"
  rm -rf "$scratch" && mkdir -p "$scratch"
  max_len=16500
  [ "$target" = fuzz_weights ] && max_len=65536
  [ "$target" = fuzz_geometry ] && max_len=20000
  log "fuzzing $target for ${seconds}s (corpus: $(ls "$corpus" | wc -l) inputs)"
  status=0
  "$build/fuzz/$target" "$scratch" "$corpus" -max_total_time="$seconds" -max_len="$max_len" -timeout=20 \
    -rss_limit_mb=4096 -artifact_prefix="$build/artifacts/$target-" -print_final_stats=1 \
    >"$build/$target.log" 2>&1 || status=$?
  grep -E "^#[0-9]+.*DONE|stat::number_of_executed_units|ERROR|SUMMARY|Test unit written" "$build/$target.log" || true
  if ls "$build/artifacts/$target-"* >/dev/null 2>&1; then die "$target found a failing input: $(ls "$build/artifacts/$target-"*)"; fi
  if [ "$status" -ne 0 ]; then die "$target exited with status $status and left no reproducer: see $build/$target.log"; fi
  if [ "$mode" = grow ]; then
    "$build/fuzz/$target" -merge=1 "$corpus" "$scratch" -max_len="$max_len" >/dev/null 2>&1
  fi
done
log "fuzzing passed"
