// Determinism: the threaded build gives bit-identical faces on 1, 2 and 4 threads and on
// repeated calls; the plain build (no SIMD) agrees with the SIMD one within SPEC.md's parity
// tolerance (their float arithmetic differs in association, not in algorithm).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createDetector } from '../../web/src/index.js';
import { fixtureImage, golden, optionsOf, scaledImage } from './fixtures.mjs';

const files = Object.keys(golden.images);

describe('determinism', () => {
  let images;
  before(async () => {
    images = await Promise.all(files.map((f) => fixtureImage(f)));
    // A big image too: its pyramid is cut into several bands per level on every thread count.
    images.push(await scaledImage(images[0], 1600, 1200));
  });

  it('1, 2 and 4 threads give bit-identical results, call after call', async () => {
    const byThreads = {};
    for (const threads of [1, 2, 4]) {
      const d = await createDetector({ build: 'threads', threads, minFaceSize: 20 });
      byThreads[threads] = images.map((image) => JSON.stringify(d.detectFaces(image)));
      for (let repeat = 0; repeat < 3; repeat++) {
        images.forEach((image, i) =>
          assert.equal(JSON.stringify(d.detectFaces(image)), byThreads[threads][i]),
        );
      }
      d.dispose();
    }
    assert.deepEqual(byThreads[2], byThreads[1]);
    assert.deepEqual(byThreads[4], byThreads[1]);
    assert.ok(
      byThreads[1].some((s) => JSON.parse(s).length > 3),
      'some image has several faces',
    );
  });

  it('settings that change the work (minFaceSize, thresholds) are deterministic too', async () => {
    const d1 = await createDetector({ build: 'threads', threads: 1 });
    const d4 = await createDetector({ build: 'threads', threads: 4 });
    for (const [file, entry] of Object.entries(golden.images)) {
      for (const run of Object.values(entry.runs)) {
        const options = optionsOf(run.settings);
        d1.setOptions(options);
        d4.setOptions(options);
        const image = await fixtureImage(file);
        assert.deepEqual(
          d4.detectFaces(image),
          d1.detectFaces(image),
          `${file} ${JSON.stringify(options)}`,
        );
      }
    }
    d1.dispose();
    d4.dispose();
  });

  describe('plain vs SIMD', () => {
    let plain;
    let simd;
    before(async () => {
      plain = await createDetector({ build: 'plain' });
      simd = await createDetector({ build: 'simd' });
    });
    after(() => {
      plain.dispose();
      simd.dispose();
    });
    it('agree within |dconf| <= 1e-4 and |dbox| <= 0.01 px', () => {
      for (const image of images) {
        const a = plain.detectFaces(image);
        const b = simd.detectFaces(image);
        assert.equal(a.length, b.length);
        a.forEach((fa, i) => {
          const fb = b[i];
          assert.ok(Math.abs(fa.confidence - fb.confidence) <= 1e-4);
          fa.box.forEach((v, k) =>
            assert.ok(Math.abs(v - fb.box[k]) <= 0.01, `box ${v} vs ${fb.box[k]}`),
          );
        });
      }
    });
  });
});
