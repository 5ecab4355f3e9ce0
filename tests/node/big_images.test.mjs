// Big and degenerate images: they work or fail with ResourceLimit, never abort; maxMemoryMB
// holds (the heap never spans more than the limit above where it started); peak memory
// of 1080p and 4K is reported.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createDetector, ResourceLimit } from '../../web/src/index.js';
import { fixtureImage, scaledImage } from './fixtures.mjs';

const MiB = 2 ** 20;

// One detection on a fresh detector: {faces | error, heap growth in bytes}.
async function detectOnce(image, options) {
  const d = await createDetector({ build: 'threads', ...options });
  const before = d.memory.heapPeakBytes;
  try {
    return { faces: d.detectFaces(image), grew: d.memory.heapPeakBytes - before };
  } catch (error) {
    return { error, grew: d.memory.heapPeakBytes - before };
  } finally {
    d.dispose();
  }
}

describe('big images', () => {
  it('8000 x 8000 works within the default limit', async () => {
    const image = await scaledImage(await fixtureImage('skimage_astronaut.png'), 8000, 8000);
    const r = await detectOnce(image, { threads: 2 });
    console.log(
      `# 8000x8000 at minFaceSize 20 on 2 threads: heap grew ${(r.grew / MiB).toFixed(0)} MiB`,
    );
    assert.equal(r.error, undefined, `${r.error}`);
    assert.equal(r.faces.length, 1);
    assert.ok(r.grew < 2048 * MiB);
  });

  it('1 x 100000 and 100000 x 1 find nothing, quickly', async () => {
    for (const [width, height] of [
      [1, 100000],
      [100000, 1],
    ]) {
      const r = await detectOnce(
        { width, height, data: new Uint8ClampedArray(width * height * 4) },
        { threads: 2 },
      );
      assert.deepEqual(r.faces, []);
    }
    // Small enough a minFaceSize makes a 12-row pyramid level of it: still nothing there.
    const r = await detectOnce(
      { width: 100000, height: 1, data: new Uint8ClampedArray(400000) },
      { minFaceSize: 1 },
    );
    assert.ok(r.faces?.length === 0 || r.error instanceof ResourceLimit, `${r.error}`);
  });

  it('maxMemoryMB caps the heap: each limit either holds or refuses with ResourceLimit', async () => {
    const image = await scaledImage(await fixtureImage('2007_007763.png'), 1920, 1080);
    const outcomes = [];
    for (const limit of [16, 32, 64, 128, 256]) {
      const r = await detectOnce(image, { threads: 2, maxMemoryMB: limit });
      outcomes.push(
        `${limit} MiB: ${r.error ? r.error.name : `${r.faces.length} faces`}, grew ${(r.grew / MiB).toFixed(1)} MiB`,
      );
      if (r.error) {
        assert.ok(r.error instanceof ResourceLimit, `${r.error}`);
        assert.match(r.error.message, /maxMemoryMB/);
      } else {
        assert.ok(r.grew <= limit * MiB, `limit ${limit} MiB, heap grew ${r.grew} B`);
      }
    }
    console.log(`# 1920x1080: ${outcomes.join('; ')}`);
    assert.ok(
      outcomes.some((o) => o.includes('ResourceLimit')) &&
        outcomes.some((o) => o.includes('faces')),
      'the limits tried include one too small and one big enough',
    );
  });

  it('reports peak memory for 1080p and 4K', async () => {
    const face = await fixtureImage('2007_007763.png');
    for (const [width, height] of [
      [1920, 1080],
      [3840, 2160],
    ]) {
      const image = await scaledImage(face, width, height);
      for (const threads of [1, 2]) {
        const r = await detectOnce(image, { threads });
        assert.equal(r.error, undefined, `${r.error}`);
        console.log(
          `# ${width}x${height} on ${threads} thread(s): heap grew ${(r.grew / MiB).toFixed(1)} MiB`,
        );
      }
    }
  });
});
