// Draws detections onto an image and writes a PNG (the CLI's --draw), with @napi-rs/canvas.
import { writeFile } from 'node:fs/promises';

const KEYPOINT_COLOURS = {
  left_eye: '#3b82f6', right_eye: '#06b6d4', nose: '#eab308', mouth_left: '#ec4899', mouth_right: '#a855f7',
};

/** Writes `image` (ImageData) with `faces` drawn on it to `outPath` as PNG. */
export async function drawFacesToPng(image, faces, outPath) {
  const { createCanvas } = await import('@napi-rs/canvas');
  const canvas = createCanvas(image.width, image.height);
  const ctx = canvas.getContext('2d');
  ctx.putImageData(image, 0, 0);
  const line = Math.max(2, Math.round(Math.min(image.width, image.height) / 250));
  ctx.font = `${Math.max(12, line * 6)}px "DejaVu Sans", sans-serif`;
  ctx.textBaseline = 'bottom';
  for (const face of faces) {
    const [x, y, w, h] = face.box;
    ctx.lineWidth = line;
    ctx.strokeStyle = '#22c55e';
    ctx.strokeRect(x, y, w, h);
    const label = face.confidence.toFixed(3);
    const tw = ctx.measureText(label).width;
    const th = line * 7;
    ctx.fillStyle = '#22c55e';
    ctx.fillRect(x - line / 2, y - th, tw + 2 * line, th);
    ctx.fillStyle = '#000';
    ctx.fillText(label, x + line / 2, y - line / 2);
    for (const [name, [px, py]] of Object.entries(face.keypoints)) {
      ctx.fillStyle = KEYPOINT_COLOURS[name] ?? '#fff';
      ctx.beginPath();
      ctx.arc(px, py, Math.max(1.5, Math.min(line * 1.5, w / 24)), 0, 2 * Math.PI);
      ctx.fill();
    }
  }
  await writeFile(outPath, await canvas.encode('png'));
}
