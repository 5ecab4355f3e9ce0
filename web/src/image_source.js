// Turns whatever a browser app holds (canvas, OffscreenCanvas, <img>, <video>, ImageBitmap,
// VideoFrame) into RGBA ImageData. ImageData and ImageData-like objects pass through
// untouched: the WebAssembly side validates them.
import { InvalidImage } from './errors.js';

const has = (name) => typeof globalThis[name] === 'function';
const is = (value, name) => has(name) && value instanceof globalThis[name];

let scratch; // one canvas reused for every conversion

function scratchContext(width, height) {
  if (!scratch) {
    if (has('OffscreenCanvas')) scratch = new OffscreenCanvas(width, height);
    else if (typeof document === 'object') scratch = document.createElement('canvas');
    else throw new InvalidImage('no canvas available to read this image in this environment');
  }
  if (scratch.width !== width) scratch.width = width;
  if (scratch.height !== height) scratch.height = height;
  return scratch.getContext('2d', { willReadFrequently: true });
}

// Intrinsic pixel size of a drawable source.
function sourceSize(source) {
  if (is(source, 'HTMLVideoElement')) return [source.videoWidth, source.videoHeight];
  if (is(source, 'HTMLImageElement')) return [source.naturalWidth, source.naturalHeight];
  if (is(source, 'VideoFrame')) return [source.displayWidth, source.displayHeight];
  if (is(source, 'SVGImageElement'))
    return [source.width.baseVal.value, source.height.baseVal.value];
  return [source.width, source.height];
}

// What browsers can draw onto a canvas, and so hand over as pixels.
const DRAWABLE = [
  'HTMLCanvasElement',
  'OffscreenCanvas',
  'HTMLImageElement',
  'HTMLVideoElement',
  'ImageBitmap',
  'VideoFrame',
  'SVGImageElement',
];
// Those a postMessage can transfer rather than copy.
const TRANSFERABLE = ['ImageBitmap', 'VideoFrame'];

export function isDrawable(source) {
  return DRAWABLE.some((name) => is(source, name));
}

export function isTransferable(source) {
  return TRANSFERABLE.some((name) => is(source, name));
}

/**
 * RGBA pixels of `source`. An ImageData-like object is passed on as a plain snapshot of its
 * width, height and data, read here once: a getter that throws or changes its answer then
 * cannot reach the WebAssembly side halfway through a call. Anything else that is not
 * drawable is passed on for the WebAssembly side to reject with a reason.
 */
export function toImageData(source) {
  if (!isDrawable(source)) {
    if (source === null || typeof source !== 'object') return source;
    try {
      return { width: source.width, height: source.height, data: source.data };
    } catch (e) {
      throw new InvalidImage(`reading the image's width, height or data failed: ${e.message}`);
    }
  }
  if (is(source, 'HTMLImageElement') && !source.complete)
    throw new InvalidImage('the <img> has not finished loading');
  if (is(source, 'HTMLVideoElement') && source.readyState < 2) {
    throw new InvalidImage('the <video> has no frame yet (readyState < HAVE_CURRENT_DATA)');
  }
  const [width, height] = sourceSize(source);
  if (!(width > 0 && height > 0))
    throw new InvalidImage(`the image source has no pixels (${width}x${height})`);
  if (is(source, 'HTMLCanvasElement') || is(source, 'OffscreenCanvas')) {
    const ctx = source.getContext('2d');
    if (ctx) return ctx.getImageData(0, 0, width, height);
  }
  const ctx = scratchContext(width, height);
  ctx.clearRect(0, 0, width, height);
  ctx.drawImage(source, 0, 0, width, height);
  return ctx.getImageData(0, 0, width, height);
}

/**
 * The core's RGBA images ({width, height, data}) as ImageData where the environment has it
 * (browsers, Workers), else as they are.
 */
export function toImageDataList(images) {
  if (!has('ImageData')) return images;
  return images.map(({ width, height, data }) => new ImageData(data, width, height));
}
