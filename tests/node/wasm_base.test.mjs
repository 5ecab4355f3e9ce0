// wasmBase: the .wasm served from another folder, and a wrong folder named in the error.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createDetector, InvalidOption } from '../../web/src/index.js';
import { fixtureImage } from './fixtures.mjs';

describe('wasmBase', () => {
  it('loads the .wasm from another folder, and names a wrong one', async () => {
    const { cpSync, mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const { pathToFileURL } = await import('node:url');
    const dir = mkdtempSync(path.join(tmpdir(), 'mtcnn-wasmbase-'));
    cpSync(
      new URL('../../web/dist/mtcnn-simd.wasm', import.meta.url),
      path.join(dir, 'mtcnn-simd.wasm'),
    );
    try {
      const d = await createDetector({ build: 'simd', wasmBase: `${pathToFileURL(dir)}/` });
      assert.equal(d.detectFaces(await fixtureImage('skimage_astronaut.png')).length, 1);
      d.dispose();
      await assert.rejects(
        createDetector({ build: 'plain', wasmBase: `${pathToFileURL(dir)}/` }),
        (e) =>
          e instanceof InvalidOption &&
          /cannot load the 'plain' WebAssembly build from wasmBase/.test(e.message),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
