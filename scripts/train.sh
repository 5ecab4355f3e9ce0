#!/usr/bin/env bash
# Trains MTCNN's nets on annotated images and writes weights the detector loads
# (docs/training.md):
#
#   scripts/train.sh --data TRAIN.jsonl [--val VAL.jsonl] --init bundled|scratch|FILE
#                    --nets pnet,rnet,onet --epochs N --out OUT.safetensors [--workdir DIR]
#   scripts/train.sh --help      every option
#
# Installs the trainer's Debian packages and builds it (build/train) when needed, then runs it.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/lib.sh"
root="$(cd "$here/.." && pwd)"
bash "$here/build.sh" train >&2
exec "$root/build/train/mtcnn-train" "$@"
