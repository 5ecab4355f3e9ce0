// Video mode (detectForVideo) on the synthetic clips of tests/video/clips.mjs: every face a
// full detection of a frame finds is found (IoU >= 0.7) once it has had one full-scan
// interval to be noticed; ids follow faces and are never reused; results do not depend on
// the thread count; bad frames get named errors and the stream carries on; the Worker
// detector gives the same faces and never queues more than one frame.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { createDetector, InvalidImage, InvalidOption } from '../../web/src/index.js';
import { CLIPS, FPS, iou, makeClip } from '../video/clips.mjs';

const MIN_FACE_SIZE = 40;
const clips = {};
before(async () => {
  for (const name of CLIPS) clips[name] = await makeClip(name);
});

// The faces of every frame of a clip, in video mode and by full detection.
async function runClip(clip, options = {}) {
  const video = await createDetector({ build: 'simd', minFaceSize: MIN_FACE_SIZE, ...options });
  const full = await createDetector({ build: 'simd', minFaceSize: MIN_FACE_SIZE });
  const frames = clip.frames.map((frame, i) => {
    const faces = video.detectForVideo(frame, clip.timestamps[i]);
    return { faces, fullScan: video.lastTimings.fullScan, full: full.detectFaces(frame) };
  });
  const interval = video.options.video.fullScanIntervalMs;
  video.dispose();
  full.dispose();
  return { frames, interval };
}

// For each full-detection face, the first frame of the run of frames it has been found in
// (linked frame to frame by IoU >= 0.5): a face that has just come in.
function firstSeen(frames) {
  const seen = [];
  frames.forEach(({ full }, i) => {
    seen.push(
      full.map((f) => {
        const before = i > 0 ? frames[i - 1].full.findIndex((g) => iou(g.box, f.box) >= 0.5) : -1;
        return before >= 0 ? seen[i - 1][before] : i;
      }),
    );
  });
  return seen;
}

describe('video mode', () => {
  for (const name of CLIPS) {
    it(`${name}: finds every face full detection finds, within one full-scan interval of its coming`, async () => {
      const clip = clips[name];
      const { frames, interval } = await runClip(clip);
      const grace = Math.ceil((interval * FPS) / 1000);
      const seen = firstSeen(frames);
      let checked = 0;
      frames.forEach(({ faces, full }, i) => {
        full.forEach((f, k) => {
          if (i - seen[i][k] < grace) return;
          const best = Math.max(0, ...faces.map((v) => iou(v.box, f.box)));
          const bestRaw = Math.max(0, ...faces.map((v) => iou(v.raw.box, f.box)));
          assert.ok(best >= 0.7 && bestRaw >= 0.7, `frame ${i}: IoU ${best} (raw ${bestRaw})`);
          checked++;
        });
      });
      assert.ok(checked >= clip.frames.length / 2, `${checked} faces checked`);
      // Most frames are followed, not scanned.
      const scans = frames.filter((f) => f.fullScan).length;
      assert.ok(scans <= clip.frames.length / 3, `${scans} full scans`);
    });
  }

  it('follows each face of the crossing clip with one id, and no id with two faces', async () => {
    const clip = clips.crossing;
    const { frames } = await runClip(clip);
    const idsOf = {};
    const facesOf = {};
    frames.forEach(({ faces }, i) => {
      for (const f of faces) {
        const truth = clip.truth[i].find((t) => iou(t.box, f.raw.box) >= 0.4);
        if (!truth) continue;
        (idsOf[truth.face] ??= new Set()).add(f.id);
        (facesOf[f.id] ??= new Set()).add(truth.face);
      }
    });
    assert.deepEqual(Object.keys(idsOf).sort(), ['astronaut', 'ivan']);
    for (const [face, ids] of Object.entries(idsOf))
      assert.equal(ids.size, 1, `${face}: ids ${[...ids]}`);
    for (const [id, faces] of Object.entries(facesOf))
      assert.equal(faces.size, 1, `id ${id}: ${[...faces]}`);
  });

  it('gives the same faces on 1, 2 and 4 threads', async () => {
    const clip = clips.crossing;
    const results = [];
    for (const threads of [1, 2, 4]) {
      const d = await createDetector({ build: 'threads', threads, minFaceSize: MIN_FACE_SIZE });
      results.push(clip.frames.map((frame, i) => d.detectForVideo(frame, clip.timestamps[i])));
      d.dispose();
    }
    assert.deepEqual(results[1], results[0]);
    assert.deepEqual(results[2], results[0]);
  });

  it('never reuses an id: after resetVideo and when time goes backwards', async () => {
    const clip = clips.pan;
    const d = await createDetector({ build: 'simd', minFaceSize: MIN_FACE_SIZE });
    const idsIn = (from, to, t0) => {
      const ids = new Set();
      for (let i = from; i < to; i++)
        for (const f of d.detectForVideo(clip.frames[i], t0 + clip.timestamps[i])) ids.add(f.id);
      return [...ids];
    };
    const first = idsIn(0, 10, 0);
    assert.deepEqual(first.length, 1);
    d.resetVideo();
    const second = idsIn(0, 10, 0);
    assert.equal(second.length, 1);
    assert.ok(second[0] > first[0]);
    const third = idsIn(0, 10, -5000); // earlier timestamps: a new stream
    assert.ok(third[0] > second[0]);
    d.dispose();
  });

  it('smooths: raw faces as found, smoothed ones steadier on a still face, identical with smoothing off', async () => {
    const clip = clips['still-noise'];
    const steadiness = (faces, pick) => {
      let sum = 0;
      for (let i = 1; i < faces.length; i++) {
        for (const name of Object.keys(faces[i].keypoints)) {
          const [x0, y0] = pick(faces[i - 1]).keypoints[name];
          const [x1, y1] = pick(faces[i]).keypoints[name];
          sum += Math.hypot(x1 - x0, y1 - y0);
        }
      }
      return sum;
    };
    const on = await createDetector({ build: 'simd', minFaceSize: MIN_FACE_SIZE });
    const off = await createDetector({
      build: 'simd',
      minFaceSize: MIN_FACE_SIZE,
      video: { smoothing: false },
    });
    const a = clip.frames.map((frame, i) => on.detectForVideo(frame, clip.timestamps[i])[0]);
    const b = clip.frames.map((frame, i) => off.detectForVideo(frame, clip.timestamps[i])[0]);
    assert.ok(a.every(Boolean) && b.every(Boolean));
    assert.ok(
      steadiness(a, (f) => f) < steadiness(a, (f) => f.raw) / 2,
      'smoothed landmarks move less',
    );
    // The raw faces are the same whether or not the output is smoothed.
    assert.deepEqual(
      a.map((f) => f.raw),
      b.map((f) => f.raw),
    );
    for (const f of b) {
      assert.deepEqual(f.box, f.raw.box);
      assert.deepEqual(f.keypoints, f.raw.keypoints);
    }
    on.dispose();
    off.dispose();
  });

  it('takes video options at creation and in setOptions, and refuses bad ones', async () => {
    const d = await createDetector({
      build: 'simd',
      video: {
        fullScanIntervalMs: 0,
        maxMissedFrames: 1,
        smoothing: { minCutoff: 1, beta: 0, dCutoff: 2 },
      },
    });
    assert.deepEqual(d.options.video, {
      fullScanIntervalMs: 0,
      maxMissedFrames: 1,
      smoothing: { minCutoff: 1, beta: 0, dCutoff: 2 },
    });
    // Every frame a full scan at interval 0.
    const clip = clips.pan;
    for (let i = 0; i < 3; i++) {
      d.detectForVideo(clip.frames[i], clip.timestamps[i]);
      assert.equal(d.lastTimings.fullScan, true);
    }
    d.setOptions({ video: { fullScanIntervalMs: 1000, smoothing: false } });
    assert.equal(d.options.video.smoothing, false);
    d.detectForVideo(clip.frames[3], clip.timestamps[3]);
    assert.equal(d.lastTimings.fullScan, false);
    assert.equal(d.lastTimings.trackedFaces, 1);
    for (const video of [
      { fullScanIntervalMs: -1 },
      { fullScanIntervalMs: 'soon' },
      { maxMissedFrames: 1.5 },
      { maxMissedFrames: -1 },
      { smoothing: 'yes' },
      { smoothing: { minCutoff: 0 } },
      { smoothing: { beta: -1 } },
      { smoothing: { dCutoff: Infinity } },
    ]) {
      assert.throws(() => d.setOptions({ video }), InvalidOption, JSON.stringify(video));
    }
    await assert.rejects(createDetector({ video: 3 }), InvalidOption);
    assert.equal(d.options.video.fullScanIntervalMs, 1000, 'unchanged by the refused calls');
    d.dispose();
  });

  it('refuses bad frames with named errors, and the stream carries on', async () => {
    const clip = clips.pan;
    const d = await createDetector({ build: 'simd', minFaceSize: MIN_FACE_SIZE });
    const [id] = d.detectForVideo(clip.frames[0], 0).map((f) => f.id);
    const small = { width: 64, height: 64, data: new Uint8ClampedArray(64 * 64 * 4) };
    assert.throws(() => d.detectForVideo(small, 40), InvalidImage); // another size mid-stream
    for (const t of [NaN, Infinity, '50', undefined]) {
      assert.throws(() => d.detectForVideo(clip.frames[1], t), InvalidOption, String(t));
    }
    const detached = new Uint8ClampedArray(clip.frames[1].data);
    structuredClone(detached.buffer, { transfer: [detached.buffer] });
    assert.throws(
      () => d.detectForVideo({ width: 512, height: 512, data: detached }, 60),
      InvalidImage,
    );
    // A full detection in between leaves the stream alone.
    assert.equal(d.detectFaces(clip.frames[1]).length, 1);
    for (let i = 1; i < 10; i++) {
      const faces = d.detectForVideo(clip.frames[i], 100 + clip.timestamps[i]);
      assert.deepEqual(
        faces.map((f) => f.id),
        [id],
        `frame ${i}`,
      );
    }
    d.dispose();
  });

  it('in a Worker: the same faces, and one frame at most waiting', async () => {
    const clip = clips.pan;
    const local = await createDetector({ build: 'simd', minFaceSize: MIN_FACE_SIZE });
    const w = await createDetector({ build: 'simd', minFaceSize: MIN_FACE_SIZE, worker: true });
    for (let i = 0; i < 12; i++) {
      assert.deepEqual(
        await w.detectForVideo(clip.frames[i], clip.timestamps[i]),
        local.detectForVideo(clip.frames[i], clip.timestamps[i]),
      );
    }
    assert.equal(typeof w.lastTimings.fullScan, 'boolean');
    // Four frames sent at once: the first is computed, the next two are displaced while
    // waiting, the last one waits and is computed.
    const calls = [12, 13, 14, 15].map((i) => w.detectForVideo(clip.frames[i], clip.timestamps[i]));
    const results = await Promise.all(calls);
    assert.equal(results[1], null);
    assert.equal(results[2], null);
    assert.equal(results[0].length, 1);
    assert.equal(results[3].length, 1);
    await w.resetVideo();
    const after = await w.detectForVideo(clip.frames[0], 0);
    assert.ok(after[0].id > results[3][0].id, 'a new stream, a new id');
    local.dispose();
    await w.dispose();
  });
});
