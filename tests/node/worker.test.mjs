// createDetector({worker: true}) in Node (worker_threads): async results equal to the
// same-thread detector's, errors keep their names, dispose ends the Worker.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createDetector, DetectorDisposed, InvalidImage, InvalidOption } from '../../web/src/index.js';
import { fixtureImage } from './fixtures.mjs';

describe('worker detector', () => {
  it('finds the same faces as the same-thread detector, asynchronously', async () => {
    const image = await fixtureImage('2007_007763.png');
    const local = await createDetector({ build: 'simd' });
    const expected = local.detectFaces(image);
    local.dispose();
    const w = await createDetector({ worker: true, build: 'simd' });
    assert.equal(w.isWorker, true);
    assert.equal(w.build, 'simd');
    const pending = w.detectFaces(image);
    assert.ok(pending instanceof Promise);
    assert.deepEqual(await pending, expected);
    assert.ok(w.lastTimings.total > 0);
    // Several calls in flight resolve in order.
    const many = await Promise.all([w.detectFaces(image), w.detectFaces(image), w.detectFaces(image)]);
    for (const faces of many) assert.deepEqual(faces, expected);
    await w.dispose();
  });

  it('keeps error names across the Worker boundary and keeps working', async () => {
    const w = await createDetector({ worker: true, build: 'plain' });
    await assert.rejects(w.detectFaces({ width: 3, height: 3, data: new Uint8Array(5) }), InvalidImage);
    await assert.rejects(w.setOptions({ scaleFactor: 2 }), InvalidOption);
    assert.equal((await w.detectFaces(await fixtureImage('skimage_astronaut.png'))).length, 1);
    await w.dispose();
    await assert.rejects(w.detectFaces(await fixtureImage('skimage_astronaut.png')), DetectorDisposed);
  });

  it('rejects bad options at creation', async () => {
    await assert.rejects(createDetector({ worker: true, minFaceSize: -3 }), InvalidOption);
  });

  it('runs the threaded build with two threads', async () => {
    const w = await createDetector({ worker: true, build: 'threads', threads: 2 });
    assert.equal(w.threads, 2);
    assert.equal((await w.detectFaces(await fixtureImage('ipazc_ivan.png'))).length, 2);
    await w.dispose();
  });
});
