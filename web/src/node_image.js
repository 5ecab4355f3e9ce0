// Decoding image files to ImageData-like objects in Node, with @napi-rs/canvas (Skia,
// prebuilt in the npm package; no system libraries or downloads needed).
import { readFile } from 'node:fs/promises';
import { InvalidImage } from './errors.js';

let canvasModule;
async function canvas() {
  canvasModule ??= await import('@napi-rs/canvas');
  return canvasModule;
}

/** Reads a PNG or JPEG file into {width, height, data: Uint8ClampedArray RGBA}. */
export async function readImageFile(path) {
  const { createCanvas, loadImage } = await canvas();
  let image;
  try {
    image = await loadImage(await readFile(path));
  } catch (e) {
    if (e.code === 'ENOENT' || e.code === 'EISDIR' || e.code === 'EACCES') throw e;
    throw new InvalidImage(`cannot decode ${path}: ${e.message}`);
  }
  const c = createCanvas(image.width, image.height);
  const ctx = c.getContext('2d');
  ctx.drawImage(image, 0, 0);
  return ctx.getImageData(0, 0, image.width, image.height);
}
