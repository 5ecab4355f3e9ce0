#!/usr/bin/env bash
# The project's one style, checked: clang-format (.clang-format) on every C++ file and
# Prettier (.prettierrc.json) on the JavaScript and TypeScript of web/, demo/, bench/, train/,
# tests/ and fuzz/. Fails, naming the files, when either would change anything.
#
#   scripts/check_format.sh          check
#   scripts/check_format.sh --fix    rewrite the files instead
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/lib.sh"
root="$(cd "$here/.." && pwd)"
cd "$root"
fix=false
[ "${1:-}" = --fix ] && fix=true

# Tracked files and new ones not yet added (but not ignored ones: build output, node_modules).
list() { git ls-files --cached --others --exclude-standard -- "$@"; }

mapfile -t cpp < <(list '*.h' '*.cpp' ':!:third_party/**')
mapfile -t js < <(list 'web/*.js' 'web/*.mjs' 'web/*.ts' 'demo/*.js' 'demo/*.mjs' 'bench/*.js' 'bench/*.mjs' \
  'tests/*.js' 'tests/*.mjs' 'tests/*.ts' 'fuzz/*.mjs' 'train/*.mjs' ':!:web/dist/**')

if $fix; then
  clang-format -i "${cpp[@]}"
  npx --no-install prettier --log-level warn --write "${js[@]}"
  exit 0
fi
status=0
unformatted=()
for f in "${cpp[@]}"; do
  clang-format --dry-run --Werror "$f" >/dev/null 2>&1 || unformatted+=("$f")
done
if [ "${#unformatted[@]}" -gt 0 ]; then
  log "clang-format would change: ${unformatted[*]} (scripts/check_format.sh --fix)"
  status=1
fi
if ! npx --no-install prettier --log-level warn --check "${js[@]}"; then
  log "Prettier would change the files above (scripts/check_format.sh --fix)"
  status=1
fi
[ "$status" -eq 0 ] && log "style: ${#cpp[@]} C++ and ${#js[@]} JavaScript/TypeScript files as formatted"
exit "$status"
