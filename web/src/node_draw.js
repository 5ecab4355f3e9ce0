// Writes an image with its detections drawn on it as PNG (the CLI's --draw), with @napi-rs/canvas.
import { writeFile } from 'node:fs/promises';
import { drawFaces } from './draw_faces.js';

/** Writes `image` (ImageData) with `faces` drawn on it to `outPath` as PNG. */
export async function drawFacesToPng(image, faces, outPath) {
  const { createCanvas } = await import('@napi-rs/canvas');
  const canvas = createCanvas(image.width, image.height);
  const ctx = canvas.getContext('2d');
  ctx.putImageData(image, 0, 0);
  drawFaces(ctx, faces);
  await writeFile(outPath, await canvas.encode('png'));
}
