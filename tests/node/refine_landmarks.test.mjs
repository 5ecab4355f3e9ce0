// LNet's landmark refinement (refineLandmarks): the reference's results untouched when off;
// when on, only keypoints move, exactly as an independent numpy LNet on the Caffe weights
// moves them (tests/oracles/det4_numpy.py); loading, options and errors.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { createDetector, InvalidOption, InvalidWeights } from '../../web/src/index.js';
import { fixtureImage, hasCv2, python, fixturesDir, golden, root } from './fixtures.mjs';

const run = promisify(execFile);
const oracle = path.join(root, 'tests', 'oracles', 'det4_numpy.py');
const cli = path.join(root, 'web', 'bin', 'mtcnn-wasm.js');
const photos = Object.keys(golden.images);
// The original Caffe model the oracle reads (../shared, or MTCNN_SHARED, as scripts/test.sh).
const caffeDir = path.join(
  process.env.MTCNN_SHARED ?? path.join(root, '..', 'shared'),
  'data',
  'weights',
  'kpzhang93-caffe',
);
const hasCaffe = fs.existsSync(path.join(caffeDir, 'det4.caffemodel'));
describe('refineLandmarks', () => {
  let plain, refined;
  before(async () => {
    plain = await createDetector({ build: 'simd' });
    refined = await createDetector({ build: 'simd', refineLandmarks: true });
  });
  after(() => {
    plain.dispose();
    refined.dispose();
  });

  it('moves only the keypoints, and most of them', async () => {
    let moved = 0;
    let points = 0;
    for (const file of photos) {
      const image = await fixtureImage(file);
      const a = plain.detectFaces(image);
      const b = refined.detectFaces(image);
      assert.equal(b.length, a.length, file);
      a.forEach((f, i) => {
        assert.deepEqual(b[i].box, f.box);
        assert.equal(b[i].confidence, f.confidence);
        for (const [k, p] of Object.entries(f.keypoints)) {
          points++;
          const q = b[i].keypoints[k];
          if (q[0] !== p[0] || q[1] !== p[1]) moved++;
          // A patch is a quarter of the face: no point moves further than that.
          assert.ok(Math.hypot(q[0] - p[0], q[1] - p[1]) < f.box[2] / 4, `${file} ${k}`);
        }
      });
    }
    assert.ok(points >= 40 && moved >= points * 0.8, `${moved} of ${points} moved`);
    refined.detectFaces(await fixtureImage('ipazc_ivan.png'));
    assert.ok(refined.lastTimings.lnet > 0);
    assert.equal(refined.lastTimings.lnetFaces, 2);
    assert.equal(refined.options.refineLandmarks, true);
  });

  it('is off by default and switches with setOptions, leaving results bit-identical when off', async () => {
    const d = await createDetector({
      build: 'simd',
      landmarkWeights: fs.readFileSync(path.join(root, 'weights', 'lnet.safetensors')),
    });
    try {
      const image = await fixtureImage('2007_007763.png');
      assert.equal(d.options.refineLandmarks, false);
      assert.deepEqual(d.detectFaces(image), plain.detectFaces(image));
      assert.equal(d.lastTimings.lnetFaces, 0);
      d.setOptions({ refineLandmarks: true });
      assert.deepEqual(d.detectFaces(image), refined.detectFaces(image));
      assert.equal(d.lastTimings.lnetFaces, 7);
      d.setOptions({ refineLandmarks: false });
      assert.deepEqual(d.detectFaces(image), plain.detectFaces(image));
    } finally {
      d.dispose();
    }
  });

  it('refuses to turn on without LNet, and the detector carries on', async () => {
    const image = await fixtureImage('skimage_astronaut.png');
    assert.throws(() => plain.setOptions({ refineLandmarks: true }), InvalidOption);
    assert.throws(() => plain.setOptions({ refineLandmarks: 'yes' }), InvalidOption);
    assert.equal(plain.options.refineLandmarks, false);
    assert.equal(plain.detectFaces(image).length, 1);
  });

  it('names bad LNet weights', async () => {
    await assert.rejects(
      createDetector({ build: 'simd', refineLandmarks: true, landmarkWeights: new Uint8Array(9) }),
      InvalidWeights,
    );
    // The bundled three networks' file has no LNet in it.
    await assert.rejects(
      createDetector({
        build: 'simd',
        refineLandmarks: true,
        landmarkWeights: path.join(root, 'weights', 'mtcnn.safetensors'),
      }),
      (e) => e instanceof InvalidWeights && /lnet\./.test(e.message),
    );
    await assert.rejects(
      createDetector({ build: 'simd', landmarkWeights: '/nonexistent/lnet.safetensors' }),
      InvalidWeights,
    );
  });

  it('refines the faces of video mode and of a Worker detector', async () => {
    const image = await fixtureImage('ipazc_ivan.png');
    const want = refined.detectFaces(image);
    const video = await createDetector({ build: 'simd', refineLandmarks: true });
    const worker = await createDetector({ build: 'simd', refineLandmarks: true, worker: true });
    try {
      const frame = video.detectForVideo(image, 0);
      assert.deepEqual(
        frame.map((f) => f.raw.keypoints),
        want.map((f) => f.keypoints),
      );
      assert.deepEqual(await worker.detectFaces(image), want);
    } finally {
      video.dispose();
      await worker.dispose();
    }
  });

  it('is the same on the threads build, on 1 and 2 threads', async () => {
    const image = await fixtureImage('2007_007763.png');
    const want = refined.detectFaces(image);
    for (const threads of [1, 2]) {
      const d = await createDetector({ build: 'threads', threads, refineLandmarks: true });
      try {
        assert.deepEqual(d.detectFaces(image), want, `${threads} thread(s)`);
      } finally {
        d.dispose();
      }
    }
  });

  it(
    'matches an independent numpy LNet on the Caffe weights within 1e-4 px (CLI --refine-landmarks)',
    {
      skip:
        (!hasCv2 && 'no cv2 for /usr/bin/python3') ||
        (!hasCaffe && `SKIPPED: no det4.caffemodel in ${caffeDir} (set MTCNN_SHARED)`),
    },
    async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mtcnn-det4-'));
      try {
        for (const file of photos) {
          const image = path.join(fixturesDir, 'images', file);
          const out = (name) => path.join(dir, `${path.parse(file).name}.${name}.json`);
          for (const [name, extra] of [
            ['plain', []],
            ['refined', ['--refine-landmarks']],
          ]) {
            const { stdout } = await run(process.execPath, [
              cli,
              'detect',
              image,
              '--json',
              ...extra,
            ]);
            fs.writeFileSync(out(name), stdout);
          }
          const { stdout } = await run(python, [
            oracle,
            '--image',
            image,
            '--plain',
            out('plain'),
            '--refined',
            out('refined'),
            '--caffe-dir',
            caffeDir,
          ]);
          const summary = JSON.parse(stdout);
          assert.ok(summary.ok, `${file}: ${JSON.stringify(summary.problems)}`);
          assert.ok(summary.max_diff <= 1e-4, `${file}: ${summary.max_diff}`);
        }
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
