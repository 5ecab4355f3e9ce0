#!/usr/bin/env node
// Parity against the reference's golden outputs (SPEC.md's bar).
//
//   node tests/parity/parity.mjs [--cli wasm|native] [--datasets a,b] [--out DIR] [--threads N]
//
// For every dataset in ../shared/data/decoded (or the named ones) and every run the golden
// file has for it (default settings; dlib_faces and unlabeled_smoke also at min_face_size
// 40/80 and thresholds .5/.6/.6), runs the CLI over the dataset's lossless PNGs, writes
// OUT/<dataset>.json in the golden layout (what ../shared/reference/eval.py --compare
// reads), runs eval.py --compare on it, and checks SPEC.md's bar on the pooled faces:
// >= 99.5% of faces matched both ways; |dconf| <= 1e-4, |dbox| <= 0.01 px and every
// landmark coordinate within 0.01 px on 99% of matched faces; max |dbox| and |dlandmark| 1.5 px. Prints a Markdown table; exits 1 if the bar is missed.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compareFaces, summarize } from './compare.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const shared = process.env.MTCNN_SHARED ?? path.resolve(root, '..', 'shared');

function parseArgs(argv) {
  const a = { cli: 'wasm', datasets: null, out: path.join(root, 'build', 'parity'), threads: 1 };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const v = () => argv[++i];
    if (k === '--cli') a.cli = v();
    else if (k === '--datasets') a.datasets = v().split(',');
    else if (k === '--out') a.out = path.resolve(v());
    else if (k === '--threads') a.threads = Number(v());
    else throw new Error(`unknown argument ${k}`);
  }
  return a;
}

function runArgs(settings) {
  return [
    '--min-face-size',
    String(settings.min_face_size),
    '--thresholds',
    settings.thresholds.join(','),
    '--scale-factor',
    String(settings.scale_factor),
  ];
}

function cliCommand(cli) {
  if (cli === 'native') return [path.join(root, 'build', 'native', 'cli', 'mtcnn-cli')];
  if (cli === 'wasm') return [process.execPath, path.join(root, 'web', 'bin', 'mtcnn-wasm.js')];
  throw new Error(`--cli must be wasm or native, got ${cli}`);
}

// ipazc/mtcnn's int output, so eval.py can also count identical int results.
function withIpazcInts(face) {
  const [x1, y1, w, h] = face.box;
  const x = Math.max(0, Math.trunc(x1));
  const y = Math.max(0, Math.trunc(y1));
  const keypoints = {};
  for (const [name, [px, py]] of Object.entries(face.keypoints))
    keypoints[name] = [Math.trunc(px), Math.trunc(py)];
  return {
    box: [x, y, Math.trunc(x1 + w - x), Math.trunc(y1 + h - y)],
    confidence: face.confidence,
    keypoints,
    box_float: face.box,
    keypoints_float: face.keypoints,
  };
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  const decodedDir = path.join(shared, 'data', 'decoded');
  const goldenDir = path.join(shared, 'data', 'golden');
  const datasets =
    args.datasets ??
    fs
      .readdirSync(decodedDir)
      .filter((d) => fs.existsSync(path.join(goldenDir, `${d}.json`)))
      .sort();
  fs.mkdirSync(args.out, { recursive: true });
  const rows = [];
  const pooled = [];
  for (const dataset of datasets) {
    const golden = JSON.parse(fs.readFileSync(path.join(goldenDir, `${dataset}.json`), 'utf8'));
    const port = { dataset, generator: `mtcnn-wasm ${args.cli} CLI`, runs: {} };
    for (const [run, g] of Object.entries(golden.runs)) {
      const keys = Object.keys(g.images);
      const files = keys.map((k) => path.join(decodedDir, dataset, `${path.parse(k).name}.png`));
      const cmd = cliCommand(args.cli);
      const out = execFileSync(
        cmd[0],
        [
          ...cmd.slice(1),
          'detect',
          ...files,
          '--json',
          '--threads',
          String(args.threads),
          ...runArgs(g.settings),
        ],
        { encoding: 'utf8', maxBuffer: 1 << 28 },
      );
      const results = JSON.parse(out);
      const images = {};
      results.forEach((r, i) => {
        images[keys[i]] = { width: r.width, height: r.height, faces: r.faces.map(withIpazcInts) };
      });
      port.runs[run] = { settings: g.settings, images };
      const c = compareFaces(g.images, images);
      pooled.push(c);
      rows.push({ dataset, run, ...summarize([c]) });
    }
    const file = path.join(args.out, `${dataset}.json`);
    fs.writeFileSync(file, JSON.stringify(port));
    // The reference's own comparison, for its report (identical int outputs, worst pairs).
    const evalOut = execFileSync(
      '/usr/bin/python3',
      [
        path.join(shared, 'reference', 'eval.py'),
        '--compare',
        path.join(goldenDir, `${dataset}.json`),
        file,
        '--json',
        path.join(args.out, `${dataset}.eval.json`),
      ],
      { encoding: 'utf8' },
    );
    process.stderr.write(
      evalOut
        .split('\n')
        .map((l) => (l ? `  ${dataset} ${l}\n` : ''))
        .join(''),
    );
  }
  const total = summarize(pooled);
  const fmt = (x) => (x === null ? '-' : x.toExponential(2));
  const lines = [
    '| dataset | run | golden faces | port faces | matched | within bar (dconf<=1e-4, dbox, dlandmark<=0.01) | max dbox px | max dlandmark px | max dconf |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of [...rows, { dataset: '**all**', run: '', ...total }]) {
    lines.push(
      `| ${r.dataset} | ${r.run} | ${r.golden} | ${r.port} | ${r.matched} | ${r.withinBar} | ${fmt(r.maxDbox)} | ${fmt(r.maxDlandmark)} | ${fmt(r.maxDconf)} |`,
    );
  }
  console.log(lines.join('\n'));
  const verdict = total.pass ? 'PASS' : 'FAIL';
  console.log(
    `\nparity ${verdict}: matched ${(100 * total.matchedFractionGolden).toFixed(2)}% of golden faces and ` +
      `${(100 * total.matchedFractionPort).toFixed(2)}% of ours; ${(100 * total.withinBarFraction).toFixed(2)}% of matched ` +
      `faces within |dconf|<=1e-4 and |dbox|, |dlandmark|<=0.01 px; max |dbox| ${fmt(total.maxDbox)} px, ` +
      `max |dlandmark| ${fmt(total.maxDlandmark)} px`,
  );
  fs.writeFileSync(path.join(args.out, 'summary.md'), `${lines.join('\n')}\n`);
  process.exitCode = total.pass ? 0 : 1;
}

main();
