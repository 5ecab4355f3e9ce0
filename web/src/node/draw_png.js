// Writes an image with its detections drawn on it as PNG (the CLI's --draw): drawFaces on a
// RasterContext, encoded by pngjs, so no native canvas is needed.
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
