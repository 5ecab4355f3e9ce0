// Shared by the Node tests: fixture images and their golden outputs.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readImageFile } from '../../web/src/node_image.js';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const fixturesDir = path.join(root, 'tests', 'fixtures');
export const golden = JSON.parse(fs.readFileSync(path.join(fixturesDir, 'golden.json'), 'utf8'));

const cache = new Map();
export async function fixtureImage(file) {
  if (!cache.has(file)) cache.set(file, await readImageFile(path.join(fixturesDir, 'images', file)));
  return cache.get(file);
}

export function optionsOf(settings) {
  return { minFaceSize: settings.min_face_size, thresholds: settings.thresholds, scaleFactor: settings.scale_factor };
}
