# Shared helpers for the project's shell scripts (sourced, not run).
MTCNN_CACHE="${MTCNN_CACHE:-$HOME/.cache/mtcnn-wasm}"
# emcc's JS optimizer needs Debian's node modules (acorn), which Node does not search by default.
export NODE_PATH="/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}"
# Every line says how long the outermost script has run, so a CI log shows where time goes.
export MTCNN_STARTED="${MTCNN_STARTED:-$(date +%s)}"
log() { printf '[mtcnn-wasm %ss] %s\n' "$(($(date +%s) - MTCNN_STARTED))" "$*" >&2; }
die() { printf '[mtcnn-wasm] error: %s\n' "$*" >&2; exit 1; }

# Installs the Debian packages among "$@" that are not installed yet (one apt-get run).
ensure_apt_packages() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ "${#missing[@]}" -gt 0 ] || return 0
  log "installing Debian packages: ${missing[*]}"
  local sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}
