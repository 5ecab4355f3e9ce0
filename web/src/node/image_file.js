// Decoding PNG and JPEG files in Node without native code, so that a web app's
// `npm install` stays small: PNG with pngjs (JavaScript), JPEG with libjpeg-turbo compiled to
// WebAssembly (@jsquash/jpeg, Squoosh's mozjpeg decoder), which gives the same pixels as
// the reference's cv2.imread.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import decodeJpeg, { init as initJpeg } from '@jsquash/jpeg/decode.js';
import { PNG } from 'pngjs';
import { MAX_IMAGE_PIXELS } from '../../dist/limits.mjs';
import { InvalidImage, ResourceLimit } from '../errors.js';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const PNG_END = Buffer.from([0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]); // IEND chunk
const JPEG_END = Buffer.from([0xff, 0xd9]); // EOI marker

// The width and height a PNG's IHDR or a JPEG's start-of-frame declares, or null.
function declaredSize(bytes) {
  if (bytes.subarray(0, 8).equals(PNG_SIGNATURE) && bytes.length >= 24) {
    return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
  }
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return null;
  // JPEG: segments until a start-of-frame (SOF0-SOF15 but DHT, JPG and DAC).
  let i = 2;
  while (i + 9 < bytes.length) {
    if (bytes[i] !== 0xff) return null;
    const marker = bytes[i + 1];
    if (
      marker === 0xd8 ||
      (marker >= 0xd0 && marker <= 0xd7) ||
      marker === 0x01 ||
      marker === 0xff
    ) {
      i += marker === 0xff ? 1 : 2;
      continue;
    }
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
      return [bytes.readUInt16BE(i + 7), bytes.readUInt16BE(i + 5)];
    }
    i += 2 + bytes.readUInt16BE(i + 2);
  }
  return null;
}

// A file cut short is refused rather than decoded with made-up rows.
function checkComplete(bytes, path, isPng) {
  if (isPng && !bytes.subarray(bytes.length - PNG_END.length).equals(PNG_END)) {
    throw new InvalidImage(`${path} is a truncated PNG (it does not end with the IEND chunk)`);
  }
  // Some writers append bytes after the end marker; allow a little.
  if (!isPng && bytes.subarray(Math.max(0, bytes.length - 1024)).lastIndexOf(JPEG_END) < 0) {
    throw new InvalidImage(`${path} is a truncated JPEG (no end-of-image marker)`);
  }
}

let jpegReady;
// The decoder's .wasm, read from disk (Node's fetch cannot read file: URLs).
function loadJpegDecoder() {
  jpegReady ??= (async () => {
    const file = createRequire(import.meta.url).resolve('@jsquash/jpeg/codec/dec/mozjpeg_dec.wasm');
    await initJpeg(await WebAssembly.compile(await readFile(file)));
  })();
  return jpegReady;
}

async function decodeJpegBytes(bytes) {
  await loadJpegDecoder();
  const copy = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length);
  return decodeJpeg(copy);
}

/** Reads a PNG or JPEG file into {width, height, data: Uint8ClampedArray RGBA}. */
export async function readImageFile(path) {
  let bytes;
  try {
    bytes = await readFile(path);
  } catch (e) {
    throw new InvalidImage(`cannot read ${path}: ${e.message}`);
  }
  const isPng = bytes.subarray(0, 8).equals(PNG_SIGNATURE);
  const isJpeg = bytes[0] === 0xff && bytes[1] === 0xd8;
  if (!isPng && !isJpeg) throw new InvalidImage(`${path} is neither a PNG nor a JPEG file`);
  // A small file can claim a huge image; refuse it before decoding.
  const size = declaredSize(bytes);
  if (!size) throw new InvalidImage(`cannot decode ${path}: no image size in its header`);
  const [width, height] = size;
  if (width * height > MAX_IMAGE_PIXELS) {
    throw new ResourceLimit(`${path} is ${width}x${height}, over ${MAX_IMAGE_PIXELS} pixels`);
  }
  checkComplete(bytes, path, isPng);
  let decoded;
  try {
    decoded = isPng ? PNG.sync.read(bytes) : await decodeJpegBytes(bytes);
  } catch (e) {
    throw new InvalidImage(`cannot decode ${path}: ${e.message}`);
  }
  const data = new Uint8ClampedArray(
    decoded.data.buffer,
    decoded.data.byteOffset,
    decoded.data.length,
  );
  return { width: decoded.width, height: decoded.height, data };
}
