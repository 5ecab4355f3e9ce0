// The core's limits (include/mtcnn/limits.h) reach the JavaScript package through the
// generated web/dist/limits.mjs: the file agrees with what the compiled module says, and the
// package enforces both numbers.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_IMAGE_PIXELS, MAX_THREADS } from '../../web/dist/limits.mjs';
import { createDetector, InvalidOption, ResourceLimit } from '../../web/src/index.js';
import { loadModule } from '../../web/src/load_module.js';

describe('limits', () => {
  for (const build of ['simd', 'plain']) {
    it(`web/dist/limits.mjs equals the ${build} module's own limits`, async () => {
      const module = await loadModule(build);
      assert.equal(module.maxThreads, MAX_THREADS);
      assert.equal(module.maxImagePixels, MAX_IMAGE_PIXELS);
    });
  }

  it('refuses one thread more than the limit, naming the range', async () => {
    await assert.rejects(createDetector({ threads: MAX_THREADS + 1 }), (e) => {
      assert.ok(e instanceof InvalidOption);
      assert.match(e.message, new RegExp(`\\[1, ${MAX_THREADS}\\]`));
      return true;
    });
  });

  it('refuses an image one pixel over the limit, and takes one at it to the next check', async () => {
    const d = await createDetector({ build: 'simd' });
    const data = new Uint8ClampedArray(4);
    assert.throws(
      () => d.detectFaces({ width: MAX_IMAGE_PIXELS + 1, height: 1, data }),
      ResourceLimit,
    );
    // At the limit the size passes; the data length is what is wrong then.
    assert.throws(
      () => d.detectFaces({ width: MAX_IMAGE_PIXELS, height: 1, data }),
      (e) => e.name === 'InvalidImage',
    );
    d.dispose();
  });
});
