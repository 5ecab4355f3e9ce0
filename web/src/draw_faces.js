// Draws detections (box, confidence, five landmarks, and the id of a face in video mode) on
// any 2D canvas context: the demo's view in browsers, the CLI's --draw output in Node
// (RasterContext, node/raster_context.js).
const KEYPOINT_COLOURS = {
  left_eye: '#3b82f6',
  right_eye: '#06b6d4',
  nose: '#eab308',
  mouth_left: '#ec4899',
  mouth_right: '#a855f7',
};
export const BOX_COLOUR = '#22c55e';

export function drawFaces(ctx, faces) {
  const { width, height } = ctx.canvas;
  const line = Math.max(2, Math.round(Math.min(width, height) / 200));
  ctx.save();
  ctx.font = `${Math.max(12, line * 6)}px system-ui, "DejaVu Sans", sans-serif`;
  ctx.textBaseline = 'bottom';
  for (const face of faces) {
    const [x, y, w, h] = face.box;
    ctx.lineWidth = line;
    ctx.strokeStyle = BOX_COLOUR;
    ctx.strokeRect(x, y, w, h);
    const score = `${(face.confidence * 100).toFixed(1)}%`;
    const label = face.id === undefined ? score : `#${face.id} ${score}`;
    const th = line * 7;
    ctx.fillStyle = BOX_COLOUR;
    ctx.fillRect(x - line / 2, y - th, ctx.measureText(label).width + 2 * line, th);
    ctx.fillStyle = '#000';
    ctx.fillText(label, x + line / 2, y - line / 2);
    const r = Math.max(1.5, Math.min(line * 1.5, w / 24));
    for (const [name, [px, py]] of Object.entries(face.keypoints)) {
      ctx.fillStyle = KEYPOINT_COLOURS[name];
      ctx.beginPath();
      ctx.arc(px, py, r, 0, 2 * Math.PI);
      ctx.fill();
    }
  }
  ctx.restore();
}
