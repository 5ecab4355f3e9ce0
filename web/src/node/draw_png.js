// Writes images as PNG with pngjs, so no native canvas is needed: one with its detections
// drawn on it (the CLI's --draw, drawFaces on a RasterContext), or an RGBA image as it is
// (the CLI's --crops).
import { writeFile } from 'node:fs/promises';
import { PNG } from 'pngjs';
import { drawFaces } from '../draw_faces.js';
import { RasterContext } from './raster_context.js';

/** Writes `image` ({width, height, data: RGBA}) with `faces` drawn on it to `outPath` as PNG. */
export async function drawFacesToPng(image, faces, outPath) {
  const png = new PNG({ width: image.width, height: image.height });
  png.data.set(image.data);
  drawFaces(new RasterContext(png), faces);
  await writeFile(outPath, PNG.sync.write(png));
}

/** Writes an RGBA image ({width, height, data}) to `outPath` as PNG. */
export async function writeRgbaPng(image, outPath) {
  const png = new PNG({ width: image.width, height: image.height });
  png.data.set(image.data);
  await writeFile(outPath, PNG.sync.write(png));
}
