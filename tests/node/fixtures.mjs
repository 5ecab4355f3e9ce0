// Shared by the Node tests: fixture images and their golden outputs.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readImageFile } from '../../web/src/node/image_file.js';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const fixturesDir = path.join(root, 'tests', 'fixtures');
export const golden = JSON.parse(fs.readFileSync(path.join(fixturesDir, 'golden.json'), 'utf8'));

// Debian's Python with numpy and OpenCV, which the oracle tests run (tests/oracles).
export const python = '/usr/bin/python3';
export const hasCv2 = (() => {
  try {
    execFileSync(python, ['-c', 'import cv2, numpy']);
    return true;
  } catch {
    return false;
  }
})();

const cache = new Map();
export async function fixtureImage(file) {
  if (!cache.has(file))
    cache.set(file, await readImageFile(path.join(fixturesDir, 'images', file)));
  return cache.get(file);
}

export function optionsOf(settings) {
  return {
    minFaceSize: settings.min_face_size,
    thresholds: settings.thresholds,
    scaleFactor: settings.scale_factor,
  };
}

// `image` drawn at width x height (Skia's bilinear scaling), as an ImageData-like object.
export async function scaledImage(image, width, height) {
  const { createCanvas, ImageData } = await import('@napi-rs/canvas');
  const src = createCanvas(image.width, image.height);
  src.getContext('2d').putImageData(new ImageData(image.data, image.width, image.height), 0, 0);
  const dst = createCanvas(width, height);
  const ctx = dst.getContext('2d');
  ctx.drawImage(src, 0, 0, width, height);
  return ctx.getImageData(0, 0, width, height);
}
