#!/usr/bin/env node
// Per-stage timings of the WebAssembly detector on one image, medians over N runs.
//   node bench/stages.mjs IMAGE [--build threads|simd|plain] [--threads N] [--runs N]
//                              [--min-face-size N]
import { parseArgs } from 'node:util';
import { createDetector } from '../web/src/index.js';
import { readImageFile } from '../web/src/node/image_file.js';
import { median } from './stats.mjs';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    build: { type: 'string', default: 'simd' },
    threads: { type: 'string', default: '1' },
    runs: { type: 'string', default: '20' },
    'min-face-size': { type: 'string', default: '20' },
  },
});
const file = positionals[0];
if (!file) {
  console.error(
    'usage: node bench/stages.mjs IMAGE [--build B] [--threads N] [--runs N] [--min-face-size N]',
  );
  process.exit(2);
}
const image = await readImageFile(file);
const detector = await createDetector({
  build: values.build,
  threads: Number(values.threads),
  minFaceSize: Number(values['min-face-size']),
});
let faces = detector.detectFaces(image); // warm-up: shapes, buffers
const series = {};
for (let i = 0; i < Number(values.runs); i++) {
  faces = detector.detectFaces(image);
  for (const [k, v] of Object.entries(detector.lastTimings)) (series[k] ??= []).push(v);
}
const m = Object.fromEntries(Object.entries(series).map(([k, v]) => [k, median(v)]));
const named = ['pyramid', 'pnet', 'crops', 'rnet', 'onet', 'nms'];
const other = m.total - named.reduce((s, k) => s + m[k], 0);
console.log(
  `${file}: ${detector.build} build, ${detector.threads} thread(s), ${faces.length} faces, median of ${values.runs} ms: ` +
    `total ${m.total.toFixed(2)} | ${named.map((k) => `${k} ${m[k].toFixed(2)}`).join('  ')}  other ${other.toFixed(2)}`,
);
detector.dispose();
