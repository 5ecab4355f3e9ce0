// Writes a .y4m video (the format Chromium's fake webcam reads) showing an image: the
// YUV4MPEG2 header, then frames of I420 planes (BT.601 full range, as C420jpeg says).
import fs from 'node:fs';
import { readImageFile } from '../../web/src/node_image.js';

export async function imageToY4m(imagePath, outPath, frames = 2) {
  const { width, height, data } = await readImageFile(imagePath);
  if (width % 2 || height % 2) throw new Error('y4m 4:2:0 needs even dimensions');
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
  const parts = [Buffer.from(`YUV4MPEG2 W${width} H${height} F30:1 Ip A1:1 C420jpeg\n`)];
  for (let f = 0; f < frames; f++) parts.push(Buffer.from('FRAME\n'), y, u, v);
  fs.writeFileSync(outPath, Buffer.concat(parts));
  return { width, height };
}
