#!/usr/bin/env node
// npm run bench: mtcnn-wasm against itself (native, WebAssembly plain / SIMD / SIMD+threads
// in Node and in headless Chromium) and against peers in the same run (face-api.js 0.22.2
// MTCNN on tfjs-wasm SIMD in Node; MediaPipe BlazeFace in Chromium), on the cases of
// bench/cases.mjs; then video mode (bench/video.mjs) and batch throughput (bench/batch.mjs).
// Runs are interleaved (round-robin over variants and cases) so the machine's noise
// spreads evenly; each timed call follows an untimed one on the same image, so it meets
// warm caches as in continuous use (a webcam loop) rather than whatever the previous
// variant left. Medians and p90 are reported. Writes OUT/results.json,
// OUT/results.md and OUT/latency.svg (default OUT: build/bench).
//
//   node bench/run.mjs [--runs N] [--out DIR] [--cases ID,ID] [--no-browser] [--no-peers] [--no-native]
// (--cases: only these cases of bench/cases.mjs, e.g. astronaut@80 for the webcam bar.)
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { serve } from '../demo/static_server.mjs';
import { createDetector } from '../web/src/index.js';
import { readImageFile } from '../web/src/node/image_file.js';
import { benchCases } from './cases.mjs';
import { batchFolder, batchReport, runBatch } from './batch.mjs';
import { latencyChart, seriesFromResults } from './chart.mjs';
import { landmarkAccuracy, landmarkCost, landmarkReport } from './landmarks.mjs';
import { hostScalingProbe } from './host_scaling.mjs';
import { gflops, LayerSamples, networkTotals } from './layers.mjs';
import { fmt, median, p90 } from './stats.mjs';
import { runVideoNode, videoClips, videoReport, VIDEO_MIN_FACE_SIZE } from './video.mjs';
import { runVideoBrowser } from './video_browser.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shared = process.env.MTCNN_SHARED ?? path.resolve(root, '..', 'shared');
const { values: opt } = parseArgs({
  options: {
    runs: { type: 'string', default: '15' },
    out: { type: 'string', default: path.join(root, 'build', 'bench') },
    cases: { type: 'string' },
    'no-browser': { type: 'boolean' },
    'no-peers': { type: 'boolean' },
    'no-native': { type: 'boolean' },
  },
});
const RUNS = Number(opt.runs);
// The webcam case takes a few milliseconds a frame: several back-to-back frames a round (as
// a video loop runs them, and the same for its peer) give its medians enough samples.
const WEBCAM_FRAMES_PER_ROUND = 5;
const framesPerRound = (c) => (c.webcam ? WEBCAM_FRAMES_PER_ROUND : 1);
// A case as the browser page runs it, its input fetched from the server's /bench-inputs/.
const pageCase = (c, profiled) => ({
  id: c.id,
  width: c.width,
  height: c.height,
  minFaceSize: c.minFaceSize,
  webcam: !!c.webcam,
  frames: framesPerRound(c),
  profiled,
  rgba: `/bench-inputs/${path.basename(c.rgbaFile)}`,
});
// The case whose every layer is timed (one profiled run a round, after the timed ones).
const PROFILED_CASE = 'test640@20';
const out = path.resolve(opt.out);
const notes = [];
// The decoded inputs go under build/, never next to the results: --out may be a committed
// folder (docs/bench), and the images are not ours to commit.
const inputs = path.join(root, 'build', 'bench-inputs');
fs.mkdirSync(inputs, { recursive: true });
fs.mkdirSync(out, { recursive: true });

const NODE_VARIANTS = [
  { name: 'wasm plain 1T', build: 'plain', threads: 1 },
  { name: 'wasm SIMD 1T', build: 'simd', threads: 1 },
  { name: 'wasm SIMD+threads 1T', build: 'threads', threads: 1 },
  { name: 'wasm SIMD+threads 2T', build: 'threads', threads: 2 },
];

// ---------------------------------------------------------------- inputs
const only = opt.cases ? opt.cases.split(',') : null;
const unknown = (only ?? []).filter((id) => !benchCases(shared).some((c) => c.id === id));
if (unknown.length) throw new Error(`--cases: no case ${unknown.join(', ')} in bench/cases.mjs`);
const cases = benchCases(shared).filter((c) => {
  if (only && !only.includes(c.id)) return false;
  if (fs.existsSync(c.file)) return true;
  notes.push(`case ${c.id} skipped: ${c.file} not found`);
  return false;
});
for (const c of cases) {
  c.image = await readImageFile(c.file);
  c.width = c.image.width;
  c.height = c.image.height;
  // Exactly these pixels for the native CLI (lossless PNG) and for Chromium (raw RGBA).
  const { createCanvas, ImageData } = await import('@napi-rs/canvas');
  const canvas = createCanvas(c.width, c.height);
  canvas.getContext('2d').putImageData(new ImageData(c.image.data, c.width, c.height), 0, 0);
  c.png = path.join(inputs, `${c.id.replace('@', '_')}.png`);
  fs.writeFileSync(c.png, await canvas.encode('png'));
  c.rgbaFile = path.join(inputs, `${c.id.replace('@', '_')}.rgba`);
  fs.writeFileSync(c.rgbaFile, c.image.data);
}
const results = [];
const hostScaling = []; // per Node round: the host's two-core scaling (host_scaling.mjs)

// ---------------------------------------------------------------- peers (Node)
async function faceApiPeer() {
  if (opt['no-peers']) return null;
  const weights = path.join(shared, 'peers', 'weights', 'faceapijs');
  if (!fs.existsSync(weights)) {
    notes.push(`face-api.js skipped: no weights in ${weights}`);
    return null;
  }
  const peersDir = path.join(root, 'bench', 'peers');
  if (!fs.existsSync(path.join(peersDir, 'node_modules', 'face-api.js'))) {
    console.error("installing the peers (bench/peers, kept out of the package's dependencies)…");
    const r = spawnSync('npm', ['install', '--no-audit', '--no-fund'], {
      cwd: peersDir,
      stdio: 'inherit',
    });
    if (r.status !== 0) {
      notes.push('face-api.js skipped: npm install in bench/peers failed');
      return null;
    }
  }
  try {
    const { loadFaceApiMtcnn } = await import('./peers/faceapi_mtcnn.mjs');
    return await loadFaceApiMtcnn(weights);
  } catch (e) {
    notes.push(`face-api.js skipped: ${e.message}`);
    return null;
  }
}

// ---------------------------------------------------------------- Node variants
async function runNode() {
  const peer = await faceApiPeer();
  const runners = [];
  for (const v of NODE_VARIANTS) {
    const d = await createDetector({ build: v.build, threads: v.threads });
    runners.push({
      v,
      d,
      times: cases.map(() => []),
      stages: cases.map(() => []),
      faces: [],
      memory: cases.map(() => 0),
      layerSamples: new LayerSamples(),
    });
  }
  const peerTimes = cases.map(() => []);
  const peerFaces = [];
  // The host's own two-core scaling, once a round on the two-thread bar's case.
  const probeCase = cases.find((c) => c.id === 'test640@20') ?? cases[0];
  const probe = await hostScalingProbe();
  for (let r = 0; r < RUNS + 2; r++) {
    // two warm-up rounds
    for (const [ci, c] of cases.entries()) {
      for (const x of runners) {
        x.d.setOptions({ minFaceSize: c.minFaceSize });
        x.d.detectFaces(c.image); // untimed: warm caches
        for (let k = 0; k < framesPerRound(c); k++) {
          const t = performance.now();
          const faces = x.d.detectFaces(c.image);
          const dt = performance.now() - t;
          if (r >= 2) {
            x.times[ci].push(dt);
            x.stages[ci].push(x.d.lastTimings);
          }
          x.faces[ci] = faces.length;
        }
        if (r >= 2 && c.id === PROFILED_CASE) x.layerSamples.take(x.d, c.image);
        x.memory[ci] = Math.max(x.memory[ci], x.d.memory.wasmMemoryBytes);
      }
      if (peer && c.peers) {
        await peer.detect(c.image, { minFaceSize: c.minFaceSize }); // untimed: warm caches
        const t = performance.now();
        const faces = await peer.detect(c.image, { minFaceSize: c.minFaceSize });
        if (r >= 2) peerTimes[ci].push(performance.now() - t);
        peerFaces[ci] = faces.length;
      }
    }
    const scaling = await probe.measure(probeCase.image, probeCase.minFaceSize);
    if (r >= 2) hostScaling.push({ case: probeCase.id, round: r - 2, ...scaling });
    process.stderr.write(`\rNode round ${r + 1}/${RUNS + 2}`);
  }
  process.stderr.write('\n');
  await probe.dispose();
  for (const x of runners) {
    cases.forEach((c, ci) => {
      const profile = c.id === PROFILED_CASE ? x.layerSamples.result() : undefined;
      const st = {};
      for (const k of ['input', 'pyramid', 'pnet', 'crops', 'rnet', 'onet', 'nms', 'total'])
        st[k] = median(x.stages[ci].map((s) => s[k]));
      st.idle = median(x.stages[ci].map((s) => s.pnetIdle + s.rnetIdle + s.onetIdle));
      results.push({
        env: 'node',
        case: c.id,
        variant: x.v.name,
        median: median(x.times[ci]),
        p90: p90(x.times[ci]),
        rounds: x.times[ci], // per round, in order: for round-by-round ratios
        faces: x.faces[ci],
        stages: st,
        memory: x.memory[ci],
        layers: profile?.layers,
        layersTotalMs: profile?.totalMs,
        threads: x.v.threads,
      });
    });
    x.d.dispose();
  }
  cases.forEach((c, ci) => {
    if (peerTimes[ci].length) {
      results.push({
        env: 'node',
        case: c.id,
        variant: `face-api.js MTCNN (${peer.backend})`,
        peer: 'face-api',
        median: median(peerTimes[ci]),
        p90: p90(peerTimes[ci]),
        faces: peerFaces[ci],
      });
    }
  });
}

// ---------------------------------------------------------------- native
function runNative() {
  const cli = path.join(root, 'build', 'native', 'cli', 'mtcnn-cli');
  if (opt['no-native']) {
    notes.push('native skipped: --no-native');
    return;
  }
  if (!fs.existsSync(cli)) {
    notes.push('native skipped: build/native/cli/mtcnn-cli missing');
    return;
  }
  for (const threads of [1, 2]) {
    for (const c of cases) {
      const r = spawnSync(
        cli,
        [
          'detect',
          c.png,
          '--json',
          '--bench',
          String(RUNS),
          '--threads',
          String(threads),
          '--min-face-size',
          String(c.minFaceSize),
        ],
        { encoding: 'utf8', maxBuffer: 1 << 26 },
      );
      const line = r.stderr.split('\n').find((l) => l.startsWith('BENCH_JSON '));
      const j = JSON.parse(line.slice('BENCH_JSON '.length));
      const faces = JSON.parse(r.stdout)[0].faces.length;
      results.push({
        env: 'native',
        case: c.id,
        variant: `native x86-64 ${threads}T`,
        median: j.median,
        p90: j.p90,
        faces,
        stages: { ...j.stages, total: j.median },
        layers: j.layers,
        layersTotalMs: j.layers_total,
        threads,
      });
    }
  }
}

// ---------------------------------------------------------------- cold start, sizes
// Import to a ready detector, and to the first result on the webcam frame (astronaut@80,
// what an app starting a camera loop waits for) and on test640@20 (a bigger job).
function coldStart() {
  const cold = {};
  for (const [name, build, threads, id] of [
    ['default (build auto, 1 thread)', 'auto', 1, 'astronaut@80'],
    ['SIMD 1T', 'simd', 1, 'astronaut@80'],
    ['SIMD+threads 2T', 'threads', 2, 'astronaut@80'],
    ['plain 1T', 'plain', 1, 'astronaut@80'],
    ['SIMD 1T', 'simd', 1, 'test640@20'],
    ['SIMD+threads 2T', 'threads', 2, 'test640@20'],
  ]) {
    const c = cases.find((x) => x.id === id);
    if (!c) continue;
    const script = `
      import { readFileSync } from 'node:fs';
      const data = new Uint8ClampedArray(readFileSync(${JSON.stringify(c.rgbaFile)}));
      const t0 = performance.now();
      const { createDetector } = await import(${JSON.stringify(path.join(root, 'web', 'src', 'index.js'))});
      const d = await createDetector({ build: '${build}', threads: ${threads}, minFaceSize: ${c.minFaceSize} });
      const t1 = performance.now();
      d.detectFaces({ width: ${c.width}, height: ${c.height}, data });
      console.log(JSON.stringify({ ready: t1 - t0, first: performance.now() - t0 }));
      d.dispose();`;
    const samples = [];
    for (let i = 0; i < 5; i++)
      samples.push(
        JSON.parse(
          execFileSync(process.execPath, ['--input-type=module', '-e', script], {
            encoding: 'utf8',
          }),
        ),
      );
    cold[`${name}, ${id}`] = {
      importToReadyMs: median(samples.map((s) => s.ready)),
      importToFirstResultMs: median(samples.map((s) => s.first)),
    };
  }
  return cold;
}

function wasmSizes() {
  const sizes = {};
  for (const b of ['threads', 'simd', 'plain']) {
    const f = path.join(root, 'web', 'dist', `mtcnn-${b}.wasm`);
    const bytes = fs.readFileSync(f);
    sizes[b] = { bytes: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  }
  return sizes;
}

// ---------------------------------------------------------------- Chromium
async function runBrowser() {
  if (opt['no-browser']) return null;
  const { launchChromium, CHROMIUM } = await import('../tests/browser/chromium.mjs');
  if (!fs.existsSync(CHROMIUM)) {
    notes.push(`Chromium skipped: ${CHROMIUM} missing`);
    return null;
  }
  if (
    !fs.existsSync(path.join(root, 'bench', 'peers', 'node_modules', '@mediapipe', 'tasks-vision'))
  ) {
    spawnSync('npm', ['install', '--no-audit', '--no-fund'], {
      cwd: path.join(root, 'bench', 'peers'),
      stdio: 'inherit',
    });
  }
  const server = await serve(root, {
    isolated: true,
    mounts: { '/shared/': shared, '/bench-inputs/': inputs },
  });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.goto(`${server.url}bench/browser_page.html`);
    await page.waitForFunction(() => typeof window.runBench === 'function');
    const plan = {
      runs: RUNS,
      cases: cases.map((c) => pageCase(c, c.id === PROFILED_CASE)),
      variants: [
        { name: 'Chromium SIMD 1T', build: 'simd', threads: 1 },
        { name: 'Chromium SIMD+threads 1T', build: 'threads', threads: 1 },
        { name: 'Chromium SIMD+threads 2T', build: 'threads', threads: 2 },
      ],
    };
    const r = await page.evaluate((p) => window.runBench(p), plan);
    for (const x of r.results) results.push({ env: 'chromium', ...x });
    if (r.mediapipeError) notes.push(`MediaPipe skipped: ${r.mediapipeError}`);
    return { userAgent: r.userAgent, crossOriginIsolated: r.crossOriginIsolated };
  } finally {
    await browser.close();
    await server.close();
  }
}

// ---------------------------------------------------------------- Firefox, WebKit
// The same page in the other engines (tests/browser/engines.mjs), on test640@20 and the
// webcam setting, one thread and two where the engine can run threads; no peers.
async function runOtherEngines() {
  if (opt['no-browser']) return {};
  const { engineMissing, launchEngine } = await import('../tests/browser/engines.mjs');
  const server = await serve(root, { isolated: true, mounts: { '/bench-inputs/': inputs } });
  const versions = {};
  try {
    for (const engine of ['firefox', 'webkit']) {
      const missing = engineMissing(engine);
      if (missing) {
        notes.push(`${engine} skipped: ${missing}`);
        continue;
      }
      const name = engine === 'firefox' ? 'Firefox' : 'WebKitGTK';
      const browser = await launchEngine(engine);
      try {
        const page = await browser.newPage();
        await page.goto(`${server.url}bench/browser_page.html`);
        await page.waitFor(() => typeof window.runBench === 'function', null, 60000);
        const plan = {
          runs: Math.max(5, Math.round(RUNS / 2)),
          peers: false,
          cases: cases
            .filter((c) => ['test640@20', 'astronaut@80'].includes(c.id))
            .map((c) => pageCase(c, false)),
          variants: [
            { name: `${name} SIMD 1T`, build: 'simd', threads: 1 },
            { name: `${name} SIMD+threads 2T`, build: 'threads', threads: 2 },
          ],
        };
        const r = await page.evaluate((p) => window.runBench(p), plan);
        for (const x of r.results) results.push({ env: engine, ...x });
        for (const s of r.skipped) notes.push(`${s.variant} not run: ${s.reason}`);
        versions[engine] = browser.version;
      } finally {
        await browser.close();
      }
    }
  } finally {
    await server.close();
  }
  return versions;
}

// ---------------------------------------------------------------- report
function find(env, caseId, variant) {
  return results.find(
    (r) =>
      r.env === env &&
      r.case === caseId &&
      (variant instanceof RegExp ? variant.test(r.variant) : r.variant === variant),
  );
}

// Summed layer time per thread over end to end, both medians of the same profiled runs
// (the SPEC's efficiency bar).
function layerMsPerThread(r) {
  return r.layers.reduce((a, l) => a + l.ms, 0) / r.threads;
}
function layerEfficiency(r) {
  return layerMsPerThread(r) / r.layersTotalMs;
}

function report(meta) {
  const lines = [
    `# mtcnn-wasm benchmark`,
    '',
    `${meta.date}; ${meta.machine}; ${RUNS} interleaved rounds, one run per cell a round (${WEBCAM_FRAMES_PER_ROUND} back-to-back frames for the webcam case, ours and BlazeFace's alike); medians (p90).`,
    '',
  ];
  const variants = [...new Set(results.map((r) => `${r.env}|${r.variant}`))];
  lines.push(`| variant | ${cases.map((c) => `${c.id} (${c.width}x${c.height})`).join(' | ')} |`);
  lines.push(`|---|${cases.map(() => '---').join('|')}|`);
  for (const key of variants) {
    const [env, variant] = key.split('|');
    const cells = cases.map((c) => {
      const r = find(env, c.id, variant);
      return r ? `${fmt(r.median)} (${fmt(r.p90)}) ms, ${r.faces} faces` : '–';
    });
    lines.push(
      `| ${variant}${env === 'node' && !variant.startsWith('face-api') ? ' (Node)' : ''} | ${cells.join(' | ')} |`,
    );
  }
  lines.push(
    '',
    '## Per stage, test640@20 (median ms)',
    '',
    '| variant | total | input | pyramid | P-Net | crops | R-Net | O-Net | NMS | other | threads idle | network stages / total | peak wasm memory |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|',
  );
  for (const r of results.filter((x) => x.case === 'test640@20' && x.stages)) {
    const s = r.stages;
    const other = s.total - (s.input ?? 0) - s.pyramid - s.pnet - s.crops - s.rnet - s.onet - s.nms;
    const layers = (s.pnet + s.rnet + s.onet) / s.total;
    lines.push(
      `| ${r.variant}${r.env === 'node' ? ' (Node)' : ''} | ${fmt(s.total)} | ${s.input === undefined ? '–' : fmt(s.input)} | ${fmt(s.pyramid)} | ${fmt(s.pnet)} | ${fmt(s.crops)} | ${fmt(s.rnet)} | ${fmt(s.onet)} | ${fmt(s.nms)} | ${fmt(other)} | ${s.idle === undefined ? '–' : fmt(s.idle)} | ${fmt(100 * layers, 0)}% | ${r.memory ? `${(r.memory / 2 ** 20).toFixed(0)} MiB` : '–'} |`,
    );
  }
  // Ratios measured in this run.
  const peer = find('node', 'test640@20', /^face-api/);
  lines.push('', '## Against the bars (SPEC.md), same run', '');
  if (peer) {
    for (const [name, bar] of [
      ['wasm SIMD 1T', 2.5],
      ['wasm SIMD+threads 1T', 2.5],
      ['wasm SIMD+threads 2T', 4.5],
    ]) {
      const ours = find('node', 'test640@20', name);
      const ratio = peer.median / ours.median;
      lines.push(
        `- test640@20 in Node, ${name}: ${fmt(ours.median)} ms vs face-api.js ${fmt(peer.median)} ms = ${ratio.toFixed(2)}x (bar ${bar}x: ${ratio >= bar ? 'met' : 'NOT met'})`,
      );
    }
  } else {
    lines.push('- face-api.js was not measured (see notes)');
  }
  const one = find('node', 'test640@20', 'wasm SIMD+threads 1T');
  const two = find('node', 'test640@20', 'wasm SIMD+threads 2T');
  if (one && two)
    lines.push(
      `- two threads vs one (Node, threads build): ${(one.median / two.median).toFixed(2)}x (bar 1.8x: ${one.median / two.median >= 1.8 ? 'met' : 'NOT met'})`,
    );
  const host = hostScaling.filter((h) => h.case === 'test640@20');
  if (host.length) {
    const scalings = host.map((h) => h.scaling);
    lines.push(
      `- the host's two-core scaling in the same rounds (two one-thread detectors at once against one alone, test640@20; 2.0 = two free cores): median ${fmt(median(scalings), 2)}x, range ${fmt(Math.min(...scalings), 2)}–${fmt(Math.max(...scalings), 2)}x`,
    );
    if (one && two) {
      // Round by round: our two-thread speed-up over the host's.
      const ours = host.map((h) => one.rounds[h.round] / two.rounds[h.round] / h.scaling);
      lines.push(
        `- two threads vs one as a share of the host's scaling, round by round: median ${fmt(100 * median(ours), 0)}%`,
      );
    }
  }
  if (one?.layers && two?.layers) {
    // The layers' own thread time grows when both threads work (shared caches, a shared
    // physical core), which caps the speed-up whatever happens around them.
    const cap = layerMsPerThread(one) / layerMsPerThread(two);
    lines.push(
      `- two threads vs one, layers alone (one thread's summed layer time over two threads' per thread, profiled runs): ${fmt(cap, 2)}x`,
    );
  }
  const mp = results.find((r) => r.env === 'chromium' && r.case === 'astronaut@80' && r.peer);
  const ourCam = ['Chromium SIMD+threads 2T', 'Chromium SIMD 1T']
    .map((v) => find('chromium', 'astronaut@80', v))
    .filter(Boolean);
  if (mp && ourCam.length) {
    for (const o of ourCam)
      lines.push(
        `- webcam setting (astronaut@80) in Chromium, ${o.variant}: ${fmt(o.median, 2)} ms vs MediaPipe BlazeFace ${fmt(mp.median, 2)} ms (bar: no slower: ${o.median <= mp.median ? 'met' : 'NOT met'})`,
      );
  }
  for (const r of results.filter(
    (x) => x.case === 'test640@20' && x.layers && x.env !== 'native',
  )) {
    const eff = layerEfficiency(r);
    lines.push(
      `- efficiency ${r.variant} (${r.env}): summed layer times are ${fmt(100 * eff, 0)}% of end to end (bar: >= 85%: ${eff >= 0.85 ? 'met' : 'NOT met'})`,
    );
  }
  const nat = find('native', 'test640@20', 'native x86-64 1T');
  const simd = find('node', 'test640@20', 'wasm SIMD 1T');
  if (nat && simd)
    lines.push(`- WebAssembly SIMD / native, 1 thread: ${(simd.median / nat.median).toFixed(2)}x`);
  lines.push(
    '',
    '## Layers, test640@20',
    '',
    `Every layer timed in one run a round right after the round's timed runs (\`profileLayers\`; ${RUNS} runs); end to end is the median of those same runs.`,
    'Layer time is thread time; on two threads the summed layer time is halved before it is compared with end to end.',
    '',
    '| variant | P-Net ms (GFLOP/s) | R-Net ms (GFLOP/s) | O-Net ms (GFLOP/s) | layers / threads | end to end | efficiency |',
    '|---|---|---|---|---|---|---|',
  );
  for (const r of results.filter((x) => x.case === 'test640@20' && x.layers)) {
    const n = networkTotals(r.layers);
    const cell = (k) => (n[k] ? `${fmt(n[k].ms)} (${fmt(gflops(n[k].flops, n[k].ms))})` : '–');
    lines.push(
      `| ${r.variant}${r.env === 'node' ? ' (Node)' : ''} | ${cell('pnet')} | ${cell('rnet')} | ${cell('onet')} | ${fmt(layerMsPerThread(r))} | ${fmt(r.layersTotalMs)} | ${fmt(100 * layerEfficiency(r), 0)}% |`,
    );
  }
  const perLayer = ['wasm SIMD 1T', 'native x86-64 1T']
    .map((v) => results.find((x) => x.case === 'test640@20' && x.variant === v && x.layers))
    .filter(Boolean);
  if (perLayer.length) {
    lines.push(
      '',
      `Per layer (ms, GFLOP/s): ${perLayer.map((r) => r.variant).join(' | ')}`,
      '',
      `| layer | GFLOP | ${perLayer.map((r) => `${r.variant} ms | GFLOP/s`).join(' | ')} |`,
      `|---|---|${perLayer.map(() => '---|---').join('|')}|`,
    );
    for (const l of perLayer[0].layers) {
      const cells = perLayer.map((r) => {
        const m = r.layers.find((x) => x.layer === l.layer);
        return m ? `${fmt(m.ms, 2)} | ${fmt(gflops(m.flops, m.ms))}` : '– | –';
      });
      lines.push(`| ${l.layer} | ${fmt(l.flops / 1e9, 3)} | ${cells.join(' | ')} |`);
    }
  }
  lines.push('', '## Cold start (Node, import to first result, median of 5 processes)', '');
  for (const [k, v] of Object.entries(meta.cold)) {
    const bar = k.endsWith('astronaut@80')
      ? ` (bar < 150 ms: ${v.importToFirstResultMs < 150 ? 'met' : 'NOT met'})`
      : '';
    lines.push(
      `- ${k}: ready ${fmt(v.importToReadyMs)} ms, first result ${fmt(v.importToFirstResultMs)} ms${bar}`,
    );
  }
  lines.push('', '## .wasm sizes', '');
  for (const [k, v] of Object.entries(meta.sizes))
    lines.push(
      `- ${k}: ${v.bytes.toLocaleString('en')} B (${v.gzip.toLocaleString('en')} B gzip -9; 1.98 MB of it are the weights)`,
    );
  if (meta.video) lines.push('', ...videoReport(meta.video.node, meta.video.chromium));
  if (meta.batch) lines.push('', ...batchReport(meta.batch));
  if (meta.landmarks) {
    lines.push('', '## Landmark refinement (refineLandmarks, LNet)', '');
    lines.push(landmarkReport(meta.landmarks));
  }
  if (notes.length) lines.push('', '## Notes', '', ...notes.map((n) => `- ${n}`));
  return lines.join('\n');
}

const started = new Date();
await runNode();
runNative();
const browserInfo = await runBrowser().catch((e) => {
  notes.push(`Chromium skipped: ${e.message}`);
  return null;
});
const engineVersions = await runOtherEngines().catch((e) => {
  notes.push(`Firefox and WebKit skipped: ${e.message}`);
  return {};
});
// Video mode (bench/video.mjs): its own rounds, after the rest.
const clips = await videoClips();
const video = { node: await runVideoNode(clips, Math.max(3, Math.round(RUNS / 3))) };
if (!opt['no-browser']) {
  video.chromium = await runVideoBrowser(
    clips,
    Math.max(3, Math.round(RUNS / 3)),
    VIDEO_MIN_FACE_SIZE,
  ).catch((e) => {
    notes.push(`video mode in Chromium skipped: ${e.message}`);
    return null;
  });
}
// Batch throughput (bench/batch.mjs): whole folders, after the rest.
const batchPhotos = await batchFolder(shared, 2);
const batch = batchPhotos ? await runBatch(batchPhotos, 3) : null;
if (!batch) notes.push('batch skipped: no photos in ../shared/data/datasets');
// LNet's time per face, and the landmark error with and without it on the labelled sets.
const landmarks = {
  cost: await landmarkCost(RUNS),
  accuracy: fs.existsSync(path.join(shared, 'reference', 'eval.py'))
    ? landmarkAccuracy(shared)
    : [],
};
const meta = {
  video,
  batch,
  landmarks,
  date: started.toISOString(),
  machine: `${os.cpus()[0].model}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}${browserInfo ? `, ${browserInfo.userAgent.match(/Chrome\/[\d.]+/)?.[0]}` : ''}${Object.values(
    engineVersions,
  )
    .map((v) => `, ${v}`)
    .join('')}`,
  cold: coldStart(),
  sizes: wasmSizes(),
  cases: cases.map(({ id, file, width, height, minFaceSize }) => ({
    id,
    file: path.relative(shared, file),
    width,
    height,
    minFaceSize,
  })),
};
fs.writeFileSync(
  path.join(out, 'results.json'),
  JSON.stringify({ meta, results, hostScaling, notes }, null, 1),
);
const md = report(meta);
fs.writeFileSync(path.join(out, 'results.md'), `${md}\n`);
const series = seriesFromResults(results, meta.cases);
fs.writeFileSync(path.join(out, 'latency.svg'), latencyChart(series));
console.log(md);
