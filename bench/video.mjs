#!/usr/bin/env node
// Video mode (detectForVideo) against per-frame detection, on the clips of
// tests/video/clips.mjs at the webcam setting (512x512, minFaceSize 80):
//   - work: multiply-adds of a tracked frame of the webcam clip against a full detection
//     (the layer profile's FLOP counts);
//   - latency: median per-frame time over the whole webcam clip, full scans included,
//     against detectFaces on every frame: in Node, and in Chromium on one thread against
//     MediaPipe BlazeFace's detectForVideo on the same frames;
//   - jitter: the landmarks' frame-to-frame standard deviation on the still clip with
//     sensor noise, smoothed video mode against detectFaces;
//   - lag: how far the smoothed landmarks trail the raw ones along the pan clip, in frames
//     of its motion.
// Each round plays the clip through once for every variant, interleaved; medians over
// rounds. `npm run bench` runs this too; alone:
//
//   node bench/video.mjs [--runs 5] [--no-browser] [--out DIR]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { makeClip } from '../tests/video/clips.mjs';
import { createDetector } from '../web/src/index.js';
import { fmt, median } from './stats.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const VIDEO_MIN_FACE_SIZE = 80;
// The pan clip's motion, pixels a frame (tests/video/clips.mjs).
const PAN_PX_PER_FRAME = 4;

/** Per-point frame-to-frame standard deviation of the landmarks, averaged over the ten coordinates. */
export function landmarkJitter(keypointsPerFrame) {
  let sum = 0;
  let n = 0;
  for (const name of Object.keys(keypointsPerFrame[0])) {
    for (const c of [0, 1]) {
      const d = [];
      for (let i = 1; i < keypointsPerFrame.length; i++) {
        d.push(keypointsPerFrame[i][name][c] - keypointsPerFrame[i - 1][name][c]);
      }
      const mean = d.reduce((a, b) => a + b, 0) / d.length;
      sum += Math.sqrt(d.reduce((a, b) => a + (b - mean) ** 2, 0) / d.length);
      n++;
    }
  }
  return sum / n;
}

const meanX = (keypoints) => Object.values(keypoints).reduce((a, [x]) => a + x, 0) / 5;

/** The clips the video benchmark plays, with their frames as one RGBA blob for a browser. */
export async function videoClips() {
  const clips = {};
  for (const name of ['webcam', 'still-noise', 'pan']) clips[name] = await makeClip(name);
  return clips;
}

// Plays `clip` through `d` in video mode (after resetVideo), timing every frame.
function playVideo(d, clip) {
  d.resetVideo();
  return clip.frames.map((frame, i) => {
    const t = performance.now();
    const faces = d.detectForVideo(frame, clip.timestamps[i]);
    return { ms: performance.now() - t, faces, fullScan: d.lastTimings.fullScan };
  });
}

/** The Node measurements: {latency, work, jitter, lag}. */
export async function runVideoNode(clips, runs) {
  const variants = [
    { name: 'SIMD 1T', build: 'simd', threads: 1 },
    { name: 'SIMD+threads 2T', build: 'threads', threads: 2 },
  ];
  const latency = [];
  for (const v of variants) {
    const options = { build: v.build, threads: v.threads, minFaceSize: VIDEO_MIN_FACE_SIZE };
    const video = await createDetector(options);
    const perFrame = await createDetector(options);
    const videoMs = [];
    const frameMs = [];
    let scans = 0;
    for (let r = 0; r < runs + 1; r++) {
      const played = playVideo(video, clips.webcam);
      const single = clips.webcam.frames.map((frame) => {
        const t = performance.now();
        perFrame.detectFaces(frame);
        return performance.now() - t;
      });
      if (r === 0) continue; // warm-up
      videoMs.push(median(played.map((p) => p.ms)));
      frameMs.push(median(single));
      scans = played.filter((p) => p.fullScan).length;
    }
    latency.push({
      variant: `${v.name} (Node)`,
      videoMs: median(videoMs),
      detectFacesMs: median(frameMs),
      fullScans: scans,
      frames: clips.webcam.frames.length,
    });
    video.dispose();
    perFrame.dispose();
  }

  // Work: the layer profile's operation counts.
  const profiled = await createDetector({
    build: 'simd',
    minFaceSize: VIDEO_MIN_FACE_SIZE,
    profileLayers: true,
  });
  const flops = () => profiled.lastLayerTimings.reduce((a, l) => a + l.flops, 0);
  const tracked = [];
  profiled.resetVideo();
  clips.webcam.frames.forEach((frame, i) => {
    profiled.detectForVideo(frame, clips.webcam.timestamps[i]);
    if (!profiled.lastTimings.fullScan) tracked.push(flops());
  });
  profiled.detectFaces(clips.webcam.frames[0]);
  const work = { trackedFlops: median(tracked), fullFlops: flops() };
  profiled.dispose();

  // Jitter and lag.
  const d = await createDetector({ build: 'simd', minFaceSize: VIDEO_MIN_FACE_SIZE });
  const still = playVideo(d, clips['still-noise']).map((p) => p.faces[0]);
  const full = clips['still-noise'].frames.map((f) => d.detectFaces(f)[0].keypoints);
  const jitter = {
    video: landmarkJitter(still.map((f) => f.keypoints)),
    raw: landmarkJitter(still.map((f) => f.raw.keypoints)),
    detectFaces: landmarkJitter(full),
  };
  const pan = playVideo(d, clips.pan).map((p) => p.faces[0]);
  const lags = pan
    .slice(10)
    .map((f) => (meanX(f.keypoints) - meanX(f.raw.keypoints)) / PAN_PX_PER_FRAME);
  const lag = { frames: Math.abs(lags.reduce((a, b) => a + b, 0) / lags.length) };
  d.dispose();
  return { latency, work, jitter, lag };
}

/** The report's "Video mode" section, with its bars. */
export function videoReport({ latency, work, jitter, lag }, chromium) {
  const lines = [
    '## Video mode (webcam clip, 512x512, minFaceSize 80)',
    '',
    '| variant | detectForVideo median ms/frame (full scans included) | detectFaces median ms/frame | ratio | full scans |',
    '|---|---|---|---|---|',
  ];
  const rows = [...latency, ...(chromium?.latency ?? [])];
  for (const r of rows) {
    lines.push(
      `| ${r.variant} | ${fmt(r.videoMs, 2)} | ${r.detectFacesMs === undefined ? '–' : fmt(r.detectFacesMs, 2)} | ${r.detectFacesMs === undefined ? '–' : `${fmt(r.detectFacesMs / r.videoMs, 1)}x`} | ${r.fullScans === undefined ? '–' : `${r.fullScans} of ${r.frames}`} |`,
    );
  }
  const bar = (ok) => (ok ? 'met' : 'NOT met');
  const workRatio = work.fullFlops / work.trackedFlops;
  lines.push(
    '',
    `- work: a tracked frame ${fmt(work.trackedFlops / 1e6, 1)} MFLOP against ${fmt(work.fullFlops / 1e6, 1)} MFLOP for a full detection = ${fmt(workRatio, 1)}x fewer (bar 5x: ${bar(workRatio >= 5)})`,
  );
  for (const r of rows.filter((x) => x.detectFacesMs !== undefined)) {
    const ratio = r.detectFacesMs / r.videoMs;
    lines.push(
      `- latency, ${r.variant}: ${fmt(ratio, 1)}x lower than detectFaces per frame (bar 3x: ${bar(ratio >= 3)})`,
    );
  }
  const ours = chromium?.latency.find((r) => r.variant === 'SIMD 1T (Chromium)');
  if (ours && chromium.blazeFaceMs !== undefined) {
    lines.push(
      `- latency in Chromium on one thread: ${fmt(ours.videoMs, 2)} ms against BlazeFace's detectForVideo ${fmt(chromium.blazeFaceMs, 2)} ms on the same frames (bar: lower: ${bar(ours.videoMs < chromium.blazeFaceMs)})`,
    );
  } else if (chromium?.blazeFaceError) {
    lines.push(`- BlazeFace not measured: ${chromium.blazeFaceError}`);
  }
  const jitterRatio = jitter.detectFaces / jitter.video;
  lines.push(
    `- landmark jitter on the still clip with sensor noise: ${fmt(jitter.video, 4)} px smoothed (${fmt(jitter.raw, 4)} px raw) against ${fmt(jitter.detectFaces, 4)} px for detectFaces = ${fmt(jitterRatio, 1)}x lower (bar 3x: ${bar(jitterRatio >= 3)})`,
    `- lag on the pan clip: the smoothed landmarks trail the raw ones by ${fmt(lag.frames, 2)} frames of motion (bar: at most 1: ${bar(lag.frames <= 1)})`,
  );
  return lines;
}

async function main() {
  const { values: opt } = parseArgs({
    options: {
      runs: { type: 'string', default: '5' },
      out: { type: 'string', default: path.join(root, 'build', 'bench') },
      'no-browser': { type: 'boolean' },
    },
  });
  const clips = await videoClips();
  const node = await runVideoNode(clips, Number(opt.runs));
  let chromium = null;
  if (!opt['no-browser']) {
    const { runVideoBrowser } = await import('./video_browser.mjs');
    chromium = await runVideoBrowser(clips, Number(opt.runs), VIDEO_MIN_FACE_SIZE);
  }
  const lines = videoReport(node, chromium);
  fs.mkdirSync(opt.out, { recursive: true });
  fs.writeFileSync(path.join(opt.out, 'video.json'), JSON.stringify({ node, chromium }, null, 1));
  fs.writeFileSync(path.join(opt.out, 'video.md'), `${lines.join('\n')}\n`);
  console.log(lines.join('\n'));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
