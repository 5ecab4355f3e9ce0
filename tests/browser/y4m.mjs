// Writes .y4m videos (the format Chromium's fake webcam reads, looping them): the
// YUV4MPEG2 header, then frames of I420 planes (BT.601 full range, as C420jpeg says).
import fs from 'node:fs';
import { readImageFile } from '../../web/src/node/image_file.js';

// One RGBA frame as I420 planes.
function i420(width, height, data) {
  const y = Buffer.alloc(width * height);
  const u = Buffer.alloc((width / 2) * (height / 2));
  const v = Buffer.alloc(u.length);
  const clamp = (x) => Math.max(0, Math.min(255, Math.round(x)));
  for (let i = 0; i < width * height; i++) {
    const [r, g, b] = [data[4 * i], data[4 * i + 1], data[4 * i + 2]];
    y[i] = clamp(0.299 * r + 0.587 * g + 0.114 * b);
  }
  for (let cy = 0; cy < height / 2; cy++) {
    for (let cx = 0; cx < width / 2; cx++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (const [dx, dy] of [
        [0, 0],
        [1, 0],
        [0, 1],
        [1, 1],
      ]) {
        const i = 4 * ((2 * cy + dy) * width + 2 * cx + dx);
        r += data[i] / 4;
        g += data[i + 1] / 4;
        b += data[i + 2] / 4;
      }
      u[cy * (width / 2) + cx] = clamp(128 - 0.168736 * r - 0.331264 * g + 0.5 * b);
      v[cy * (width / 2) + cx] = clamp(128 + 0.5 * r - 0.418688 * g - 0.081312 * b);
    }
  }
  return [y, u, v];
}

/** Writes `frames` ({width, height, data: RGBA}, all of one even size) at 30 fps. */
export function framesToY4m(frames, outPath) {
  const { width, height } = frames[0];
  if (width % 2 || height % 2) throw new Error('y4m 4:2:0 needs even dimensions');
  const parts = [Buffer.from(`YUV4MPEG2 W${width} H${height} F30:1 Ip A1:1 C420jpeg\n`)];
  for (const f of frames) parts.push(Buffer.from('FRAME\n'), ...i420(width, height, f.data));
  fs.writeFileSync(outPath, Buffer.concat(parts));
  return { width, height };
}

/** Writes a video of `frames` copies of the image file at `imagePath`. */
export async function imageToY4m(imagePath, outPath, frames = 2) {
  const image = await readImageFile(imagePath);
  return framesToY4m(Array(frames).fill(image), outPath);
}
