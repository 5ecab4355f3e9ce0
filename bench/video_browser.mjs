// The Chromium half of bench/video.mjs: the webcam clip in a page, our detector in video
// mode and per frame, and MediaPipe BlazeFace's detectForVideo on the same frames.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../demo/static_server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shared = process.env.MTCNN_SHARED ?? path.resolve(root, '..', 'shared');

/** {latency: [...], blazeFaceMs} or null when Chromium is missing. */
export async function runVideoBrowser(clips, runs, minFaceSize) {
  const { launchChromium, CHROMIUM } = await import('../tests/browser/chromium.mjs');
  if (!fs.existsSync(CHROMIUM)) return null;
  const peers = path.join(root, 'bench', 'peers');
  if (!fs.existsSync(path.join(peers, 'node_modules', '@mediapipe', 'tasks-vision'))) {
    spawnSync('npm', ['install', '--no-audit', '--no-fund'], { cwd: peers, stdio: 'inherit' });
  }
  const inputs = path.join(root, 'build', 'bench-inputs');
  fs.mkdirSync(inputs, { recursive: true });
  const clip = clips.webcam;
  // The frames as one RGBA blob, fetched once by the page.
  const blob = clip.frames.map((f) =>
    Buffer.from(f.data.buffer, f.data.byteOffset, f.data.byteLength),
  );
  fs.writeFileSync(path.join(inputs, 'video-webcam.rgba'), Buffer.concat(blob));
  const server = await serve(root, {
    isolated: true,
    mounts: { '/shared/': shared, '/bench-inputs/': inputs },
  });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.goto(`${server.url}bench/video_page.html`);
    await page.waitForFunction(() => typeof window.runVideoBench === 'function');
    return await page.evaluate((p) => window.runVideoBench(p), {
      runs,
      minFaceSize,
      clip: {
        url: '/bench-inputs/video-webcam.rgba',
        width: clip.frames[0].width,
        height: clip.frames[0].height,
        timestamps: clip.timestamps,
      },
    });
  } finally {
    await browser.close();
    await server.close();
  }
}
