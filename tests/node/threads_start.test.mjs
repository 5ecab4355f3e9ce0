// A detector on several threads answers before its thread pool's Workers have loaded: the
// first calls run on one thread, then it moves to all of them (threadsReady) with the
// options set meanwhile, and gives the same faces throughout.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createDetector } from '../../web/src/index.js';
import { fixtureImage } from './fixtures.mjs';

describe('starting on several threads', () => {
  it('detects at once, then on all threads with the same results', async () => {
    const image = await fixtureImage('2007_007763.png');
    const d = await createDetector({ build: 'threads', threads: 2 });
    try {
      assert.equal(d.threads, 2);
      const early = JSON.stringify(d.detectFaces(image));
      assert.equal(await d.threadsReady, 2);
      assert.equal(JSON.stringify(d.detectFaces(image)), early);
      assert.ok(JSON.parse(early).length > 3, 'the image has several faces');
    } finally {
      d.dispose();
    }
  });

  it('keeps the options and profiling set before the threads started', async () => {
    const image = await fixtureImage('2007_007763.png');
    const reference = await createDetector({ build: 'simd', minFaceSize: 40, thresholds: [0.5, 0.6, 0.6] });
    const want = JSON.stringify(reference.detectFaces(image));
    reference.dispose();
    const d = await createDetector({ build: 'threads', threads: 2, maxMemoryMB: 512 });
    try {
      d.setOptions({ minFaceSize: 40, thresholds: [0.5, 0.6, 0.6], profileLayers: true });
      await d.threadsReady;
      assert.deepEqual(d.options, { minFaceSize: 40, thresholds: [0.5, 0.6, 0.6], scaleFactor: 0.709, maxMemoryMB: 512 });
      assert.equal(JSON.stringify(d.detectFaces(image)), want);
      assert.ok(d.lastLayerTimings?.length > 0, 'profiling is still on');
    } finally {
      d.dispose();
    }
  });

  it('a detector disposed before its threads started stays disposed', async () => {
    const d = await createDetector({ build: 'threads', threads: 2 });
    d.dispose();
    assert.equal(await d.threadsReady, 0);
    assert.throws(() => d.detectFaces({ width: 1, height: 1, data: new Uint8ClampedArray(4) }), { name: 'DetectorDisposed' });
  });

  it('one thread is ready at once', async () => {
    const d = await createDetector({ build: 'threads', threads: 1 });
    assert.equal(await d.threadsReady, 1);
    d.dispose();
  });
});
