// createDetector({worker: true}) in Node (worker_threads): async results equal to the
// same-thread detector's, errors keep their names, dispose ends the Worker.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  createDetector,
  DetectorDisposed,
  InvalidImage,
  InvalidOption,
} from '../../web/src/index.js';
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
    // Several calls in flight on different images: each resolves with its own image's faces.
    const others = await Promise.all(
      ['ipazc_ivan.png', 'skimage_astronaut.png', 'skimage_coffee.png'].map(fixtureImage),
    );
    const alone = await createDetector({ build: 'simd' });
    const expectedOthers = others.map((img) => alone.detectFaces(img));
    alone.dispose();
    assert.deepEqual(
      expectedOthers.map((f) => f.length),
      [2, 1, 0],
    );
    const many = await Promise.all([image, ...others].map((img) => w.detectFaces(img)));
    assert.deepEqual(many, [expected, ...expectedOthers]);
    await w.dispose();
  });

  it('keeps error names across the Worker boundary and keeps working', async () => {
    const w = await createDetector({ worker: true, build: 'plain' });
    await assert.rejects(
      w.detectFaces({ width: 3, height: 3, data: new Uint8Array(5) }),
      InvalidImage,
    );
    await assert.rejects(w.setOptions({ scaleFactor: 2 }), InvalidOption);
    assert.equal((await w.detectFaces(await fixtureImage('skimage_astronaut.png'))).length, 1);
    await w.dispose();
    await assert.rejects(
      w.detectFaces(await fixtureImage('skimage_astronaut.png')),
      DetectorDisposed,
    );
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

  it('starts in a script given as text (node --input-type=module -e)', async () => {
    // Workers inherit the process's flags, and --input-type stops one starting from a file.
    const script = `
      import { createDetector } from ${JSON.stringify(new URL('../../web/src/index.js', import.meta.url).href)};
      const w = await createDetector({ worker: true });
      console.log(w.build);
      await w.dispose();`;
    const { execFileSync } = await import('node:child_process');
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      encoding: 'utf8',
    });
    assert.equal(out.trim(), 'simd');
  });
});
