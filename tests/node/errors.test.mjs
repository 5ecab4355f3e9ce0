// Bad input and bad options get named errors; the detector keeps working afterwards.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  createDetector, DetectorDisposed, InvalidImage, InvalidOption, InvalidWeights,
} from '../../web/src/index.js';
import { fixtureImage } from './fixtures.mjs';

describe('errors', () => {
  let detector;
  let image;
  before(async () => {
    detector = await createDetector({ build: 'simd' });
    image = await fixtureImage('skimage_astronaut.png');
  });
  after(() => detector.dispose());

  const rgba = (w, h) => new Uint8ClampedArray(w * h * 4);
  const badImages = [
    ['null', null],
    ['undefined', undefined],
    ['a string', 'image.png'],
    ['a number', 42],
    ['no data', { width: 2, height: 2 }],
    ['short data', { width: 4, height: 4, data: rgba(4, 3) }],
    ['long data', { width: 4, height: 4, data: rgba(5, 4) }],
    ['RGB data', { width: 4, height: 4, data: new Uint8ClampedArray(4 * 4 * 3) }],
    ['a plain array', { width: 1, height: 1, data: [0, 0, 0, 255] }],
    ['Float32Array data', { width: 1, height: 1, data: new Float32Array(4) }],
    ['zero width', { width: 0, height: 4, data: rgba(0, 4) }],
    ['negative height', { width: 4, height: -4, data: rgba(4, 4) }],
    ['fractional width', { width: 2.5, height: 2, data: rgba(5, 1) }],
    ['NaN width', { width: NaN, height: 2, data: rgba(2, 2) }],
    ['string width', { width: '4', height: 4, data: rgba(4, 4) }],
  ];
  for (const [name, bad] of badImages) {
    it(`rejects ${name} with InvalidImage`, () => {
      assert.throws(() => detector.detectFaces(bad), InvalidImage);
      assert.equal(detector.detectFaces(image).length, 1, 'still works');
    });
  }

  it('rejects a detached buffer with InvalidImage', () => {
    const data = rgba(8, 8);
    structuredClone(data.buffer, { transfer: [data.buffer] });
    assert.throws(() => detector.detectFaces({ width: 8, height: 8, data }), /detached/);
  });

  const badOptions = [
    { minFaceSize: 0 }, { minFaceSize: 0.5 }, { minFaceSize: NaN }, { minFaceSize: '20' },
    { thresholds: [0.6, 0.7] }, { thresholds: [0.6, 0.7, 1.5] }, { thresholds: [-0.1, 0.7, 0.7] },
    { thresholds: 'abc' }, { thresholds: [0.6, NaN, 0.7] }, { scaleFactor: 1 }, { scaleFactor: 0 },
    { scaleFactor: -0.5 }, { scaleFactor: Infinity },
  ];
  for (const bad of badOptions) {
    it(`setOptions(${JSON.stringify(bad)}) throws InvalidOption`, () => {
      assert.throws(() => detector.setOptions(bad), InvalidOption);
      assert.equal(detector.options.minFaceSize, 20, 'options unchanged');
      assert.equal(detector.detectFaces(image).length, 1);
    });
  }

  it('createDetector rejects bad options', async () => {
    await assert.rejects(createDetector({ minFaceSize: -1 }), InvalidOption);
    await assert.rejects(createDetector({ build: 'gpu' }), InvalidOption);
    await assert.rejects(createDetector({ threads: 0 }), InvalidOption);
    await assert.rejects(createDetector({ threads: 2, build: 'simd' }), InvalidOption);
    await assert.rejects(createDetector({ colour: 'red' }), InvalidOption);
  });

  it('wrong or truncated weights give InvalidWeights', async () => {
    await assert.rejects(createDetector({ build: 'plain', weights: new Uint8Array(100) }), InvalidWeights);
    const { readFile } = await import('node:fs/promises');
    const good = await readFile(new URL('../../weights/mtcnn.safetensors', import.meta.url));
    await assert.rejects(createDetector({ build: 'plain', weights: good.subarray(0, good.length - 10) }), InvalidWeights);
    const d = await createDetector({ build: 'plain', weights: good });
    assert.equal(d.detectFaces(image).length, 1, 'weights passed explicitly work');
    d.dispose();
  });

  it('calls after dispose throw DetectorDisposed', async () => {
    const d = await createDetector({ build: 'plain' });
    d.dispose();
    d.dispose(); // twice is fine
    assert.throws(() => d.detectFaces(image), DetectorDisposed);
  });
});

describe('wasmBase', () => {
  it('loads the .wasm from another folder, and names a wrong one', async () => {
    const { cpSync, mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const { pathToFileURL } = await import('node:url');
    const dir = mkdtempSync(path.join(tmpdir(), 'mtcnn-wasmbase-'));
    cpSync(new URL('../../web/dist/mtcnn-simd.wasm', import.meta.url), path.join(dir, 'mtcnn-simd.wasm'));
    try {
      const d = await createDetector({ build: 'simd', wasmBase: `${pathToFileURL(dir)}/` });
      assert.equal(d.detectFaces(await fixtureImage('skimage_astronaut.png')).length, 1);
      d.dispose();
      await assert.rejects(createDetector({ build: 'plain', wasmBase: `${pathToFileURL(dir)}/` }),
        (e) => e instanceof InvalidOption && /cannot load the 'plain' WebAssembly build from wasmBase/.test(e.message));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
