// Synthetic clips for video mode, made from the fixture photos at test time: the same pixels
// on every run (Skia's drawing in @napi-rs/canvas, noise from a seeded generator). Each clip
// is 512x512 at 30 frames a second and knows where its faces are (`truth`), so that tests
// can tell which face an id follows.
//
//   still-noise  the astronaut, still, with Gaussian sensor noise (sigma 2 levels) per frame
//   pan          a window panning across the astronaut enlarged 1.5 times, 4 px a frame
//   zoom         a window closing in on the astronaut's face, which grows from 86 to 145 px
//   enter-leave  a face crossing the frame from outside left to outside right
//   crossing     two faces passing each other, one in front of the other
//   webcam       the benchmark's webcam clip: the astronaut swaying gently in front of a
//                noisy sensor (sigma 2 levels), 90 frames
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readImageFile } from '../../web/src/node/image_file.js';

const fixtures = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  'fixtures',
  'images',
);
export const SIZE = 512;
export const FPS = 30;
export const CLIPS = ['still-noise', 'pan', 'zoom', 'enter-leave', 'crossing', 'webcam'];

// The astronaut's face in skimage_astronaut.png (x, y, w, h) and a head patch around it.
const ASTRONAUT_FACE = [182, 60, 86, 114];
const ASTRONAUT_HEAD = [130, 10, 190, 220];
// The larger face of ipazc_ivan.png and a head patch around it.
const IVAN_FACE = [278, 94, 49, 62];
const IVAN_HEAD = [253, 64, 100, 120];

let canvasModule;
async function canvasOf(image) {
  canvasModule ??= await import('@napi-rs/canvas');
  const c = canvasModule.createCanvas(image.width, image.height);
  const pixels = new canvasModule.ImageData(image.data, image.width, image.height);
  c.getContext('2d').putImageData(pixels, 0, 0);
  return c;
}

function frameCanvas() {
  const c = canvasModule.createCanvas(SIZE, SIZE);
  const ctx = c.getContext('2d');
  ctx.imageSmoothingQuality = 'high';
  return [c, ctx];
}

function snapshot(ctx) {
  const { data } = ctx.getImageData(0, 0, SIZE, SIZE);
  return { width: SIZE, height: SIZE, data };
}

// mulberry32: a small seeded generator, for noise that is the same on every run.
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Adds Gaussian noise of `sigma` levels to every channel (Box-Muller), in place.
function addNoise(frame, sigma, rand) {
  const d = frame.data;
  for (let i = 0; i < d.length; i += 4) {
    for (let c = 0; c < 3; c += 2) {
      const u = Math.max(rand(), 1e-12);
      const r = Math.sqrt(-2 * Math.log(u));
      const t = 2 * Math.PI * rand();
      d[i + c] += Math.round(sigma * r * Math.cos(t));
      if (c + 1 < 3) d[i + c + 1] += Math.round(sigma * r * Math.sin(t));
    }
  }
}

// A face box moved and scaled as its source rectangle [sx, sy, sw, sh] is drawn at
// [dx, dy, dw, dh].
function mapBox([x, y, w, h], [sx, sy, sw, sh], [dx, dy, dw, dh]) {
  const kx = dw / sw;
  const ky = dh / sh;
  return [dx + (x - sx) * kx, dy + (y - sy) * ky, w * kx, h * ky];
}

/**
 * The frames of clip `name`: {name, frames: [{width, height, data}], timestamps: [ms],
 * truth: [[{face, box: [x, y, w, h]}]] per frame (faces at least half inside the frame)}.
 */
export async function makeClip(name) {
  const astronaut = await canvasOf(
    await readImageFile(path.join(fixtures, 'skimage_astronaut.png')),
  );
  const ivan = await canvasOf(await readImageFile(path.join(fixtures, 'ipazc_ivan.png')));
  const coffee = await canvasOf(await readImageFile(path.join(fixtures, 'skimage_coffee.png')));
  const frames = [];
  const truth = [];
  const add = (ctx, faces) => {
    frames.push(snapshot(ctx));
    const inside = ([x, y, w, h]) =>
      x + w / 2 >= 0 && x + w / 2 <= SIZE && y + h / 2 >= 0 && y + h / 2 <= SIZE;
    truth.push(faces.filter((f) => inside(f.box)));
  };
  const [, ctx] = frameCanvas();
  if (name === 'still-noise') {
    const rand = random(2012);
    for (let i = 0; i < 60; i++) {
      ctx.drawImage(astronaut, 0, 0);
      const frame = snapshot(ctx);
      addNoise(frame, 2, rand);
      frames.push(frame);
      truth.push([{ face: 'astronaut', box: ASTRONAUT_FACE }]);
    }
  } else if (name === 'pan') {
    for (let i = 0; i < 60; i++) {
      const src = [(4 * i) / 1.5, 0, SIZE / 1.5, SIZE / 1.5];
      ctx.drawImage(astronaut, ...src, 0, 0, SIZE, SIZE);
      add(ctx, [{ face: 'astronaut', box: mapBox(ASTRONAUT_FACE, src, [0, 0, SIZE, SIZE]) }]);
    }
  } else if (name === 'zoom') {
    const [cx, cy] = [
      ASTRONAUT_FACE[0] + ASTRONAUT_FACE[2] / 2,
      ASTRONAUT_FACE[1] + ASTRONAUT_FACE[3] / 2,
    ];
    for (let i = 0; i < 60; i++) {
      const s = SIZE - 3.5 * i;
      const x = Math.min(Math.max(0, cx - s / 2), SIZE - s);
      const y = Math.min(Math.max(0, cy - s / 2), SIZE - s);
      const src = [x, y, s, s];
      ctx.drawImage(astronaut, ...src, 0, 0, SIZE, SIZE);
      add(ctx, [{ face: 'astronaut', box: mapBox(ASTRONAUT_FACE, src, [0, 0, SIZE, SIZE]) }]);
    }
  } else if (name === 'enter-leave') {
    for (let i = 0; i < 90; i++) {
      ctx.drawImage(coffee, 0, 0, 600, 400, 0, 0, SIZE, SIZE);
      const dst = [-200 + 8 * i, 150, ASTRONAUT_HEAD[2], ASTRONAUT_HEAD[3]];
      ctx.drawImage(astronaut, ...ASTRONAUT_HEAD, ...dst);
      add(ctx, [{ face: 'astronaut', box: mapBox(ASTRONAUT_FACE, ASTRONAUT_HEAD, dst) }]);
    }
  } else if (name === 'crossing') {
    for (let i = 0; i < 60; i++) {
      ctx.drawImage(coffee, 0, 0, 600, 400, 0, 0, SIZE, SIZE);
      const a = [-50 + 6 * i, 60, ASTRONAUT_HEAD[2], ASTRONAUT_HEAD[3]];
      const b = [360 - 6 * i, 200, 2 * IVAN_HEAD[2], 2 * IVAN_HEAD[3]];
      ctx.drawImage(astronaut, ...ASTRONAUT_HEAD, ...a);
      ctx.drawImage(ivan, ...IVAN_HEAD, ...b); // in front
      add(ctx, [
        { face: 'astronaut', box: mapBox(ASTRONAUT_FACE, ASTRONAUT_HEAD, a) },
        { face: 'ivan', box: mapBox(IVAN_FACE, IVAN_HEAD, b) },
      ]);
    }
  } else if (name === 'webcam') {
    const rand = random(1611);
    const side = SIZE / 1.1;
    for (let i = 0; i < 90; i++) {
      const t = i / FPS;
      const src = [
        (SIZE - side) / 2 + 20 * Math.sin((2 * Math.PI * t) / 3),
        (SIZE - side) / 2 + 10 * Math.sin((2 * Math.PI * t) / 2),
        side,
        side,
      ];
      ctx.drawImage(astronaut, ...src, 0, 0, SIZE, SIZE);
      const frame = snapshot(ctx);
      addNoise(frame, 2, rand);
      frames.push(frame);
      truth.push([{ face: 'astronaut', box: mapBox(ASTRONAUT_FACE, src, [0, 0, SIZE, SIZE]) }]);
    }
  } else {
    throw new Error(`no clip ${name}; clips: ${CLIPS.join(', ')}`);
  }
  return { name, frames, timestamps: frames.map((_, i) => (1000 * i) / FPS), truth };
}

/** Intersection over union of two [x, y, w, h] boxes. */
export function iou(a, b) {
  const ix = Math.max(0, Math.min(a[0] + a[2], b[0] + b[2]) - Math.max(a[0], b[0]));
  const iy = Math.max(0, Math.min(a[1] + a[3], b[1] + b[3]) - Math.max(a[1], b[1]));
  const inter = ix * iy;
  const union = a[2] * a[3] + b[2] * b[3] - inter;
  return union > 0 ? inter / union : 0;
}
