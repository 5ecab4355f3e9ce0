// Concurrency: detectors used at the same time (main thread + Worker, two Workers, threaded
// builds side by side) answer exactly what each answers alone; calls made before dispose()
// complete with the right faces, calls after it are refused, nothing hangs.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { createDetector, DetectorDisposed } from '../../web/src/index.js';
import { fixtureImage } from './fixtures.mjs';

const FILES = ['skimage_astronaut.png', 'ipazc_ivan.png', '2007_007763.png', 'skimage_coffee.png'];

describe('concurrency', () => {
  let images;
  const reference = {}; // minFaceSize -> faces per image, each computed alone
  before(async () => {
    images = await Promise.all(FILES.map((f) => fixtureImage(f)));
    for (const minFaceSize of [20, 40]) {
      const d = await createDetector({ build: 'simd', minFaceSize });
      reference[minFaceSize] = images.map((image) => d.detectFaces(image));
      d.dispose();
    }
  });

  it('a main-thread detector and a Worker detector at once', async () => {
    const main = await createDetector({ build: 'threads', threads: 2, minFaceSize: 20 });
    const worker = await createDetector({
      build: 'threads',
      threads: 2,
      minFaceSize: 40,
      worker: true,
    });
    const pending = [];
    for (let i = 0; i < 24; i++) pending.push(worker.detectFaces(images[i % images.length]));
    // The main thread computes while the Worker works through its queue.
    for (let i = 0; i < 24; i++)
      assert.deepEqual(
        main.detectFaces(images[i % images.length]),
        reference[20][i % images.length],
      );
    const fromWorker = await Promise.all(pending);
    fromWorker.forEach((faces, i) => assert.deepEqual(faces, reference[40][i % images.length]));
    main.dispose();
    await worker.dispose();
  });

  it('two Workers with different options, calls interleaved', async () => {
    const a = await createDetector({ build: 'simd', minFaceSize: 20, worker: true });
    const b = await createDetector({ build: 'threads', threads: 2, minFaceSize: 40, worker: true });
    const calls = [];
    for (let i = 0; i < 32; i++) {
      const k = i % images.length;
      calls.push(a.detectFaces(images[k]).then((f) => assert.deepEqual(f, reference[20][k])));
      calls.push(b.detectFaces(images[k]).then((f) => assert.deepEqual(f, reference[40][k])));
    }
    await Promise.all(calls);
    await Promise.all([a.dispose(), b.dispose()]);
  });

  it('setOptions on one Worker does not touch the other', async () => {
    const a = await createDetector({ build: 'simd', worker: true });
    const b = await createDetector({ build: 'simd', worker: true });
    await a.setOptions({ minFaceSize: 40 });
    const [fa, fb] = await Promise.all([a.detectFaces(images[2]), b.detectFaces(images[2])]);
    assert.deepEqual(fa, reference[40][2]);
    assert.deepEqual(fb, reference[20][2]);
    await Promise.all([a.dispose(), b.dispose()]);
  });

  it('calls made before dispose() complete, calls after it are refused', async () => {
    for (const build of ['simd', 'threads']) {
      const d = await createDetector({ build, threads: build === 'threads' ? 2 : 1, worker: true });
      const calls = [];
      for (let i = 0; i < 12; i++) calls.push(d.detectFaces(images[i % images.length]));
      calls.push(d.setOptions({ minFaceSize: 20 }));
      const disposed = d.dispose(); // not awaited: it races the queue
      calls.push(d.detectFaces(images[0]));
      const settled = await Promise.allSettled([...calls, disposed]);
      settled.slice(0, 12).forEach((s, i) => {
        assert.equal(s.status, 'fulfilled', `call ${i}, made before dispose(): ${s.reason}`);
        assert.deepEqual(s.value, reference[20][i % images.length]);
      });
      assert.equal(settled[12].status, 'fulfilled', 'setOptions made before dispose() completes');
      assert.ok(
        settled[13].reason instanceof DetectorDisposed,
        'a call after dispose() is refused',
      );
      assert.equal(settled[14].status, 'fulfilled', 'dispose() itself succeeds');
      await assert.rejects(d.detectFaces(images[0]), DetectorDisposed);
    }
  });

  it('dispose() twice at once, and a main-thread detector disposed between calls', async () => {
    const w = await createDetector({ build: 'simd', worker: true });
    await Promise.all([w.dispose(), w.dispose()]);
    const m = await createDetector({ build: 'threads', threads: 2 });
    assert.deepEqual(m.detectFaces(images[0]), reference[20][0]);
    m.dispose();
    assert.throws(() => m.detectFaces(images[0]), DetectorDisposed);
  });
});
