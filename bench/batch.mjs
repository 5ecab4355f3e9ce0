#!/usr/bin/env node
// Batch throughput (mtcnn-wasm/node's detectFiles, what `mtcnn-wasm detect --jobs N` runs):
// images per second over a folder of a few hundred photos (the datasets of ../shared/data,
// linked twice each), decoding included, for one job, two jobs, and one job on two
// threads. Each round runs every variant once, interleaved; medians over rounds.
// `npm run bench` runs this too; alone:
//
//   node bench/batch.mjs [--runs 3] [--copies 2]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { detectFiles, listImageFiles } from '../web/src/node/index.js';
import { fmt, median } from './stats.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const BATCH_VARIANTS = [
  { name: '--jobs 1', jobs: 1, threads: 1 },
  { name: '--jobs 2', jobs: 2, threads: 1 },
  { name: '--jobs 1 --threads 2', jobs: 1, threads: 2 },
];

/**
 * A folder under build/ with `copies` links to every image of `shared`/data/datasets (the
 * photos themselves are not ours to copy), or null without them.
 */
export async function batchFolder(shared, copies) {
  const datasets = path.join(shared, 'data', 'datasets');
  if (!fs.existsSync(datasets)) return null;
  const photos = await listImageFiles([datasets]);
  const dir = path.join(root, 'build', 'bench-batch');
  fs.rmSync(dir, { recursive: true, force: true });
  for (let c = 0; c < copies; c++) {
    const sub = path.join(dir, `copy${c}`);
    fs.mkdirSync(sub, { recursive: true });
    photos.forEach((p, i) =>
      fs.symlinkSync(p, path.join(sub, `${String(i).padStart(4, '0')}${path.extname(p)}`)),
    );
  }
  return { dir, count: photos.length * copies };
}

async function timeBatch(dir, { jobs, threads }) {
  const t0 = performance.now();
  let images = 0;
  let faces = 0;
  for await (const r of detectFiles([dir], { jobs, threads })) {
    if (r.error) throw new Error(`${r.file}: ${r.error.message}`);
    images++;
    faces += r.faces.length;
  }
  return { images, faces, seconds: (performance.now() - t0) / 1000 };
}

/** {photos, variants: [{name, imagesPerSecond, rounds, faces}]} */
export async function runBatch(folder, rounds) {
  const samples = BATCH_VARIANTS.map(() => []);
  let faces = null;
  for (let r = 0; r < rounds; r++) {
    for (const [k, v] of BATCH_VARIANTS.entries()) {
      const t = await timeBatch(folder.dir, v);
      faces ??= t.faces;
      if (t.faces !== faces) throw new Error(`${v.name} found ${t.faces} faces, not ${faces}`);
      samples[k].push(t.images / t.seconds);
    }
  }
  return {
    photos: folder.count,
    faces,
    variants: BATCH_VARIANTS.map((v, k) => ({
      name: v.name,
      imagesPerSecond: median(samples[k]),
      rounds: samples[k],
    })),
  };
}

export function batchReport(batch) {
  const one = batch.variants.find((v) => v.name === '--jobs 1').imagesPerSecond;
  const two = batch.variants.find((v) => v.name === '--jobs 2').imagesPerSecond;
  return [
    `## Batch (Node, detectFiles over ${batch.photos} photos, decoding included)`,
    '',
    '| variant | images/s, median (rounds) | vs --jobs 1 |',
    '|---|---|---|',
    ...batch.variants.map(
      (v) =>
        `| ${v.name} | ${fmt(v.imagesPerSecond)} (${v.rounds.map((x) => fmt(x)).join(', ')}) | ${(v.imagesPerSecond / one).toFixed(2)}x |`,
    ),
    '',
    `- --jobs 2 against --jobs 1: ${(two / one).toFixed(2)}x (bar 1.7x: ${two / one >= 1.7 ? 'met' : 'NOT met'}); ${batch.faces} faces each run`,
  ];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: { runs: { type: 'string', default: '3' }, copies: { type: 'string', default: '2' } },
  });
  const shared = process.env.MTCNN_SHARED ?? path.resolve(root, '..', 'shared');
  const folder = await batchFolder(shared, Number(values.copies));
  if (!folder) throw new Error(`no photos: ${shared}/data/datasets not found`);
  console.log(batchReport(await runBatch(folder, Number(values.runs))).join('\n'));
}
