#!/usr/bin/env node
// Same-run A/B of two copies of the package: this checkout's web/ against a saved one (for
// a change that must not cost speed, or one that should buy it). Both load in one Node
// process; every round times each build and case on A and B back to back, in alternating
// order, each timed call after an untimed one on the same image (as in continuous use), so
// that the host's drift falls on both alike. Reports medians, B / A, and whether both
// found the same faces.
//
//   cp -r web /tmp/web-before        (before the change; rebuild after it)
//   node bench/ab.mjs --base /tmp/web-before [--runs 21] [--cases test640@20,astronaut@80]
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { readImageFile } from '../web/src/node/image_file.js';
import { benchCases } from './cases.mjs';
import { fmt, median } from './stats.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shared = process.env.MTCNN_SHARED ?? path.resolve(root, '..', 'shared');
const { values: opt } = parseArgs({
  options: {
    base: { type: 'string' },
    runs: { type: 'string', default: '21' },
    cases: { type: 'string', default: 'test640@20,astronaut@80' },
  },
});
if (!opt.base) throw new Error("--base DIR: a saved copy of the package's web/ folder");
const RUNS = Number(opt.runs);
const VARIANTS = [
  { name: 'plain 1T', build: 'plain', threads: 1 },
  { name: 'SIMD 1T', build: 'simd', threads: 1 },
  { name: 'SIMD+threads 1T', build: 'threads', threads: 1 },
  { name: 'SIMD+threads 2T', build: 'threads', threads: 2 },
];

const sides = {
  A: await import(pathToFileURL(path.join(path.resolve(opt.base), 'src', 'index.js')).href),
  B: await import(pathToFileURL(path.join(root, 'web', 'src', 'index.js')).href),
};
const cases = benchCases(shared).filter((c) => opt.cases.split(',').includes(c.id));
for (const c of cases) c.image = await readImageFile(c.file);

const rows = [];
for (const v of VARIANTS) {
  const detectors = {};
  for (const [side, pkg] of Object.entries(sides)) {
    detectors[side] = await pkg.createDetector({ build: v.build, threads: v.threads });
  }
  for (const c of cases) {
    const times = { A: [], B: [] };
    const faces = {};
    for (const side of ['A', 'B']) detectors[side].setOptions({ minFaceSize: c.minFaceSize });
    for (let r = 0; r < RUNS + 2; r++) {
      const order = r % 2 ? ['B', 'A'] : ['A', 'B'];
      for (const side of order) {
        const d = detectors[side];
        d.detectFaces(c.image); // untimed: warm caches
        const t = performance.now();
        faces[side] = d.detectFaces(c.image);
        if (r >= 2) times[side].push(performance.now() - t);
      }
    }
    assert.deepEqual(faces.B, faces.A, `${v.name} ${c.id}: B found other faces than A`);
    const a = median(times.A);
    const b = median(times.B);
    rows.push({ variant: v.name, id: c.id, a, b, ratio: b / a });
    console.error(`${v.name} ${c.id}: A ${fmt(a, 2)} ms, B ${fmt(b, 2)} ms, B/A ${fmt(b / a, 3)}`);
  }
  for (const d of Object.values(detectors)) d.dispose();
}

console.log(
  `| build | case | A (${path.basename(opt.base)}) median ms | B (this checkout) median ms | B / A |`,
);
console.log('|---|---|---|---|---|');
for (const r of rows)
  console.log(`| ${r.variant} | ${r.id} | ${fmt(r.a, 2)} | ${fmt(r.b, 2)} | ${fmt(r.ratio, 3)} |`);
console.log(
  `\n${RUNS} timed rounds each, A and B alternating; both found the same faces in every case.`,
);
