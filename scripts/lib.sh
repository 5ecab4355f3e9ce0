# Shared helpers for the project's shell scripts (sourced, not run).
MTCNN_CACHE="${MTCNN_CACHE:-$HOME/.cache/mtcnn-wasm}"
# emcc's JS optimizer needs Debian's node modules (acorn), which Node does not search by default.
export NODE_PATH="/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}"
log() { printf '[mtcnn-wasm] %s\n' "$*" >&2; }
die() { printf '[mtcnn-wasm] error: %s\n' "$*" >&2; exit 1; }
