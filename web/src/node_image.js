// Decoding image files to ImageData-like objects in Node, with @napi-rs/canvas (Skia,
// prebuilt in the npm package; no system libraries or downloads needed).
import { readFile } from 'node:fs/promises';
import { MAX_IMAGE_PIXELS } from '../dist/limits.mjs';
import { InvalidImage, ResourceLimit } from './errors.js';

let canvasModule;
async function canvas() {
  canvasModule ??= await import('@napi-rs/canvas');
  return canvasModule;
}

const PNG_END = Buffer.from([0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]); // IEND chunk
const JPEG_END = Buffer.from([0xff, 0xd9]); // EOI marker

// Skia decodes a truncated PNG or JPEG without complaint, filling in the missing rows; a
// detector should not see made-up pixels, so a file cut short is refused here.
function checkComplete(bytes, path) {
  const isPng = bytes.subarray(0, 4).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  const isJpeg = bytes[0] === 0xff && bytes[1] === 0xd8;
  if (isPng && !bytes.subarray(bytes.length - PNG_END.length).equals(PNG_END)) {
    throw new InvalidImage(`${path} is a truncated PNG (it does not end with the IEND chunk)`);
  }
  // Some writers append bytes after the end marker; allow a little.
  if (isJpeg && bytes.subarray(Math.max(0, bytes.length - 1024)).lastIndexOf(JPEG_END) < 0) {
    throw new InvalidImage(`${path} is a truncated JPEG (no end-of-image marker)`);
  }
}

/** Reads a PNG or JPEG file into {width, height, data: Uint8ClampedArray RGBA}. */
export async function readImageFile(path) {
  const { createCanvas, loadImage } = await canvas();
  let bytes;
  try {
    bytes = await readFile(path);
  } catch (e) {
    throw new InvalidImage(`cannot read ${path}: ${e.message}`);
  }
  checkComplete(bytes, path);
  let image;
  try {
    image = await loadImage(bytes);
  } catch (e) {
    throw new InvalidImage(`cannot decode ${path}: ${e.message}`);
  }
  // A small file can claim a huge image; refuse it before allocating its pixels.
  if (image.width * image.height > MAX_IMAGE_PIXELS) {
    throw new ResourceLimit(
      `${path} is ${image.width}x${image.height}, over ${MAX_IMAGE_PIXELS} pixels`,
    );
  }
  const c = createCanvas(image.width, image.height);
  const ctx = c.getContext('2d');
  ctx.drawImage(image, 0, 0);
  return ctx.getImageData(0, 0, image.width, image.height);
}
