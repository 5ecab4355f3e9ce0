#!/usr/bin/env node
// Recall and AP of a weights file on held-out annotated images, by the reference's own
// evaluator (../shared/reference/eval.py): the measurement behind docs/training.md's bars.
// Detections come from this package's CLI on the sets' lossless decoded copies (the pixels
// the golden outputs were computed from).
//
//   node train/tools/heldout_eval.mjs [--weights FILE] [--dataset dlib_faces] [--split testing]
//        [--shared ../shared] [--json OUT.json]
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');

const { values } = parseArgs({
  options: {
    weights: { type: 'string' },
    dataset: { type: 'string', default: 'dlib_faces' },
    split: { type: 'string' },
    shared: { type: 'string', default: path.join(root, '../shared') },
    json: { type: 'string' },
  },
});

const data = path.join(values.shared, 'data');
const annotations = JSON.parse(
  fs.readFileSync(path.join(data, 'datasets', values.dataset, 'annotations.json'), 'utf8'),
);
// The images whose faces all belong to the split (every image without --split).
const keys = Object.keys(annotations).filter(
  (k) =>
    !values.split ||
    (annotations[k].length > 0 && annotations[k].every((f) => f.split === values.split)),
);
const decoded = (key) =>
  path.join(data, 'decoded', values.dataset, path.basename(key).replace(/\.[^.]+$/, '.png'));

const cli = [path.join(root, 'web/bin/mtcnn-wasm.js'), 'detect', ...keys.map(decoded), '--json'];
if (values.weights) cli.push('--weights', values.weights);
const records = JSON.parse(execFileSync(process.execPath, cli, { maxBuffer: 1 << 28 }));
const dets = { images: {} };
records.forEach((r, i) => (dets.images[keys[i]] = r.faces));

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'heldout-eval-'));
const subset = Object.fromEntries(keys.map((k) => [k, annotations[k]]));
fs.writeFileSync(path.join(work, 'annotations.json'), JSON.stringify(subset));
fs.writeFileSync(path.join(work, 'dets.json'), JSON.stringify(dets));
const resultFile = path.join(work, 'result.json');
execFileSync(
  '/usr/bin/python3',
  [
    path.join(values.shared, 'reference/eval.py'),
    path.join(work, 'dets.json'),
    '--dataset',
    values.dataset,
    '--annotations',
    path.join(work, 'annotations.json'),
    '--json',
    resultFile,
  ],
  { stdio: ['ignore', 'ignore', 'inherit'] },
);
// eval.py writes one row per evaluated run; there is one run here.
const [row] = JSON.parse(fs.readFileSync(resultFile, 'utf8'));
fs.rmSync(work, { recursive: true });
const summary = {
  weights: values.weights ?? 'bundled',
  dataset: values.dataset,
  split: values.split ?? 'all',
  images: keys.length,
  ...row,
};
if (values.json) fs.writeFileSync(values.json, JSON.stringify(summary, null, 1) + '\n');
console.log(JSON.stringify(summary));
