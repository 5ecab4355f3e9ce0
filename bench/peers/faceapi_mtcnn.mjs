// face-api.js 0.22.2's MTCNN in Node on tfjs-backend-wasm (SIMD, one thread), the peer of
// bench/run.mjs. Its weights are read from ../shared/peers (never committed). face-api.js
// was written for tfjs 1.x; run on tfjs-core 4.22 (npm overrides) it needs a few removed
// tensor methods back, added below as one-line shims.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

const require = createRequire(import.meta.url);

const shims = {
  toFloat() {
    return this.cast('float32');
  },
  toInt() {
    return this.cast('int32');
  },
  toBool() {
    return this.cast('bool');
  },
  as1D() {
    return this.reshape([-1]);
  },
  as2D(a, b) {
    return this.reshape([a, b]);
  },
  as3D(a, b, c) {
    return this.reshape([a, b, c]);
  },
  as4D(a, b, c, d) {
    return this.reshape([a, b, c, d]);
  },
  as5D(a, b, c, d, e) {
    return this.reshape([a, b, c, d, e]);
  },
};
for (const [name, fn] of Object.entries(shims))
  if (!tf.Tensor.prototype[name]) tf.Tensor.prototype[name] = fn;

/** Loads face-api.js MTCNN; resolves to {detect(imageData, options) -> faces, backend}. */
export async function loadFaceApiMtcnn(weightsDir) {
  if (!fs.existsSync(path.join(weightsDir, 'mtcnn_model-weights_manifest.json'))) {
    throw new Error(`face-api.js MTCNN weights not found in ${weightsDir}`);
  }
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false); // one thread: the SPEC's reference point
  const wasmDir = path.dirname(
    require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm'),
  );
  setWasmPaths(`${wasmDir}/`);
  await tf.setBackend('wasm');
  await tf.ready();
  const faceapi = require('face-api.js');
  const canvas = await import('@napi-rs/canvas');
  faceapi.env.monkeyPatch({
    Canvas: canvas.Canvas,
    Image: canvas.Image,
    ImageData: canvas.ImageData,
    createCanvasElement: () => canvas.createCanvas(1, 1),
    createImageElement: () => new canvas.Image(),
    readFile: (p) => fs.promises.readFile(p),
  });
  // tfjs 4's fromPixels does not know @napi-rs/canvas' canvases: read their pixels ourselves.
  const tfc = require('@tensorflow/tfjs-core');
  const fromPixels = tfc.browser.fromPixels;
  const patchedFromPixels = (pixels, channels = 3) => {
    if (!(pixels instanceof canvas.Canvas)) return fromPixels(pixels, channels);
    const { data, width, height } = pixels
      .getContext('2d')
      .getImageData(0, 0, pixels.width, pixels.height);
    const rgb = new Int32Array(width * height * channels);
    for (let i = 0, j = 0; i < width * height * 4; i += 4, j += channels) {
      for (let c = 0; c < channels; c++) rgb[j + c] = data[i + c];
    }
    return tfc.tensor3d(rgb, [height, width, channels], 'int32');
  };
  try {
    tfc.browser.fromPixels = patchedFromPixels;
  } catch {
    Object.defineProperty(tfc.browser, 'fromPixels', { value: patchedFromPixels });
  }
  const console_warn = console.warn;
  console.warn = () => {}; // "mtcnn is deprecated": we know
  await faceapi.nets.mtcnn.loadFromDisk(weightsDir);
  console.warn = console_warn;
  return {
    backend: `${tf.getBackend()} (tfjs ${tf.version_core}, SIMD ${await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')})`,
    async detect(
      image,
      { minFaceSize = 20, thresholds = [0.6, 0.7, 0.7], scaleFactor = 0.709 } = {},
    ) {
      const input = canvas.createCanvas(image.width, image.height);
      // Our own copy of @napi-rs/canvas: rebuild the ImageData with its class.
      input
        .getContext('2d')
        .putImageData(
          new canvas.ImageData(new Uint8ClampedArray(image.data), image.width, image.height),
          0,
          0,
        );
      const options = new faceapi.MtcnnOptions({
        minFaceSize,
        scoreThresholds: thresholds,
        scaleFactor,
      });
      const results = await faceapi.nets.mtcnn.forward(input, options);
      return results.map((r) => ({
        box: [r.detection.box.x, r.detection.box.y, r.detection.box.width, r.detection.box.height],
        confidence: r.detection.score,
      }));
    },
  };
}
