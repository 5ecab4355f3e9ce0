// The demo page in headless Chromium: samples, a fake webcam, isolation on and off, bad
// files and a denied camera. Every test saves a screenshot under build/screenshots/.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { serve } from '../../demo/static_server.mjs';
import { createDetector } from '../../web/src/index.js';
import { readImageFile } from '../../web/src/node/image_file.js';
import { launchChromium } from '../browser/chromium.mjs';
import { framesToY4m, imageToY4m } from '../browser/y4m.mjs';
import { iou, makeClip } from '../video/clips.mjs';
import { golden, root } from './fixtures.mjs';

const shots = path.join(root, 'build', 'screenshots');
fs.mkdirSync(shots, { recursive: true });
const BOX_RGB = [0x22, 0xc5, 0x5e];
// The box colour (give or take canvas colour-space rounding) on some pixel of the 5x5
// patch around a point of the box's outline: the stroke is 2-3 px wide and antialiased.
function assertBoxColour(patch, what) {
  const near = (rgb) => rgb.every((c, i) => Math.abs(c - BOX_RGB[i]) <= 3);
  assert.ok(
    patch.some(near),
    `${what}: no pixel of the box colour near the outline (${JSON.stringify(patch.slice(0, 5))}…)`,
  );
}

async function openDemo(browser, server, viewport = { width: 1200, height: 860 }) {
  const page = await browser.newPage({ viewport });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${server.url}demo/`);
  await page.waitForFunction(
    () => window.demoState?.ready || window.demoState?.messageKind === 'error',
    null,
    { timeout: 60000 },
  );
  return { page, errors };
}

async function nodeFaces(file, options = {}) {
  const d = await createDetector({ build: 'simd', ...options });
  const faces = d.detectFaces(await readImageFile(file));
  d.dispose();
  return faces;
}

function sameFaces(a, b, what) {
  assert.equal(a.length, b.length, `${what}: face count`);
  a.forEach((f, i) => {
    assert.ok(Math.abs(f.confidence - b[i].confidence) < 1e-5, `${what}: confidence ${i}`);
    f.box.forEach((v, k) => assert.ok(Math.abs(v - b[i].box[k]) < 1e-3, `${what}: box ${i}`));
  });
}

// RGB of the 5x5 pixels of the view canvas around (x, y).
const pixelAt = (page, x, y) =>
  page.evaluate(
    ([px, py]) => {
      const d = document
        .getElementById('view')
        .getContext('2d')
        .getImageData(Math.round(px) - 2, Math.round(py) - 2, 5, 5).data;
      const out = [];
      for (let i = 0; i < d.length; i += 4) out.push([d[i], d[i + 1], d[i + 2]]);
      return out;
    },
    [x, y],
  );

describe('demo page', () => {
  let server;
  let plainServer;
  before(async () => {
    server = await serve(root, { isolated: true });
    plainServer = await serve(root, { isolated: false });
  });
  after(async () => {
    await server.close();
    await plainServer.close();
  });

  it('finds the same faces in the bundled samples as Node does, on the threaded build', async () => {
    const browser = await launchChromium();
    try {
      const { page, errors } = await openDemo(browser, server);
      const st = await page.evaluate(() => window.demoState);
      assert.equal(st.build, 'threads');
      assert.equal(st.threads, 2);
      for (const [button, file] of [
        ['Family', '2007_007763.png'],
        ['Astronaut', 'skimage_astronaut.png'],
      ]) {
        await page.click(`button.sample:has-text("${button}")`);
        await page.waitForFunction(
          (n) => window.demoState.mode === 'still' && window.demoState.faces.length === n,
          golden.images[file].runs.default.faces.length,
          { timeout: 30000 },
        );
        const faces = await page.evaluate(() => window.demoState.faces);
        sameFaces(faces, await nodeFaces(path.join(root, 'demo', 'samples', file)), button);
        assert.equal(await page.locator('#faces tbody tr').count(), faces.length);
        // Each face's aligned crop, beside the image.
        await page.waitForFunction((n) => window.demoState.crops === n, Math.min(faces.length, 8));
        assert.equal(await page.locator('#crops canvas').count(), Math.min(faces.length, 8));
        const [x, y, w] = faces[0].box;
        assertBoxColour(await pixelAt(page, x + w / 2, y), 'box drawn on the canvas');
      }
      assert.match(await page.textContent('#engine'), /threads/);
      await page.screenshot({ path: path.join(shots, 'demo-sample-threads.png') });
      // A phone-sized screen: the panel stacks under the image.
      await page.setViewportSize({ width: 390, height: 844 });
      await page.screenshot({ path: path.join(shots, 'demo-phone.png'), fullPage: true });
      const stageBox = await page.locator('.stage').boundingBox();
      const panelBox = await page.locator('.panel').boundingBox();
      assert.ok(
        panelBox.y >= stageBox.y + stageBox.height - 1,
        'panel below the image on a narrow screen',
      );
      assert.deepEqual(errors, []);
    } finally {
      await browser.close();
    }
  });

  it('detects a face live on a fake webcam, a full detection a frame, and shows latency and FPS', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mtcnn-cam-'));
    const y4m = path.join(tmp, 'face.y4m');
    await imageToY4m(path.join(root, 'demo', 'samples', 'skimage_astronaut.png'), y4m);
    const browser = await launchChromium([
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${y4m}`,
    ]);
    try {
      const { page, errors } = await openDemo(browser, server);
      await page.uncheck('#video-mode'); // per-frame detectFaces: the golden box, exactly
      await page.click('#camera-toggle');
      await page.waitForFunction(
        () => window.demoState.mode === 'camera' && window.demoState.frames >= 15,
        null,
        { timeout: 60000 },
      );
      const st = await page.evaluate(() => window.demoState);
      assert.equal(st.faces.length, 1);
      assert.equal(st.faces[0].id, undefined, 'no ids without video mode');
      assert.equal(st.trackedFrames + st.fullScanFrames, 0);
      assert.ok(st.latencyMs > 0 && st.latencyMs < 2000, `latency ${st.latencyMs} ms`);
      assert.ok(st.fps > 0.5 && st.fps < 200, `fps ${st.fps}`);
      assert.match(await page.textContent('#stat-latency'), /^\d+(\.\d)? ms$/);
      assert.match(await page.textContent('#stat-fps'), /^\d+(\.\d)?$/);
      // The face is where it is in the still image: the webcam frame is that image, re-encoded
      // and scaled to the camera's frame size.
      const [x0, y0, w0, h0] =
        golden.images['skimage_astronaut.png'].runs.default.faces[0].box_float;
      const sx = st.sourceWidth / 512;
      const sy = st.sourceHeight / 512;
      const expected = [x0 * sx, y0 * sy, w0 * sx, h0 * sy];
      st.faces[0].box.forEach((v, k) =>
        assert.ok(
          Math.abs(v - expected[k]) < 8,
          `live box ${k}: ${v} vs ${expected[k]} (${st.sourceWidth}x${st.sourceHeight})`,
        ),
      );
      await page.screenshot({ path: path.join(shots, 'demo-webcam.png') });
      await page.click('#camera-toggle'); // stop: the last frame and its overlay stay
      await page.waitForFunction(() => window.demoState.mode === 'idle');
      const [x, y, w, h] = (await page.evaluate(() => window.demoState.faces))[0].box;
      assertBoxColour(await pixelAt(page, x + w / 2, y), 'box over the face, top edge');
      assertBoxColour(await pixelAt(page, x, y + h / 2), 'box over the face, left edge');
      console.log(
        `# fake webcam: ${st.frames} frames, ${st.fps.toFixed(1)} FPS, ${st.latencyMs.toFixed(1)} ms per frame (${st.build}, ${st.threads} threads)`,
      );
      assert.deepEqual(errors, []);
    } finally {
      await browser.close();
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('follows a face on a fake webcam in video mode: one id, most frames tracked', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mtcnn-cam-'));
    const y4m = path.join(tmp, 'webcam.y4m');
    const clip = await makeClip('webcam');
    framesToY4m(clip.frames, y4m);
    const browser = await launchChromium([
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${y4m}`,
    ]);
    try {
      const { page, errors } = await openDemo(browser, server);
      assert.equal(await page.isChecked('#video-mode'), true, 'video mode is the default');
      await page.click('#camera-toggle');
      // The face is the largest box (a full scan may also find, now and then, the small false
      // faces MTCNN finds in this picture at minFaceSize 20, as detectFaces does).
      const main = (faces) =>
        faces.reduce((a, f) => (f.box[2] * f.box[3] > a.box[2] * a.box[3] ? f : a));
      const ids = new Set();
      let last;
      for (let k = 0; k < 30; k++) {
        await page.waitForFunction((n) => window.demoState.frames > n, k, { timeout: 60000 });
        last = await page.evaluate(() => window.demoState);
        assert.ok(last.faces.length >= 1, `frame ${last.frames}: the face`);
        ids.add(main(last.faces).id);
      }
      assert.equal(ids.size, 1, `one id for the face: ${[...ids]}`);
      assert.ok(
        last.trackedFrames > last.fullScanFrames,
        `${last.trackedFrames} tracked, ${last.fullScanFrames} scanned`,
      );
      assert.match(await page.textContent('#stat-frames'), /^\d+ tracked, \d+ full scans$/);
      // The box is on the swaying face: it overlaps where the clip put the face, somewhere
      // along its path.
      const sx = last.sourceWidth / 512;
      const sy = last.sourceHeight / 512;
      const [x, y, w, h] = main(last.faces).box;
      const box = [x / sx, y / sy, w / sx, h / sy];
      const best = Math.max(...clip.truth.map(([t]) => iou(t.box, box)));
      assert.ok(best >= 0.6, `IoU with the face's path ${best}`);
      await page.screenshot({ path: path.join(shots, 'demo-webcam-video.png') });
      console.log(
        `# fake webcam, video mode: ${last.trackedFrames} tracked, ${last.fullScanFrames} full scans, ${last.latencyMs.toFixed(1)} ms per frame`,
      );
      await page.click('#camera-toggle');
      await page.waitForFunction(() => window.demoState.mode === 'idle');
      assert.deepEqual(errors, []);
    } finally {
      await browser.close();
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('without COOP/COEP runs the SIMD build and says so', async () => {
    const browser = await launchChromium();
    try {
      const { page, errors } = await openDemo(browser, plainServer);
      const st = await page.evaluate(() => window.demoState);
      assert.equal(st.crossOriginIsolated, false);
      assert.equal(st.build, 'simd');
      assert.equal(st.threads, 1);
      assert.match(await page.textContent('#engine'), /simd.*not cross-origin isolated/s);
      assert.equal(await page.isDisabled('#threads'), true);
      await page.click('button.sample:has-text("Ivan")');
      await page.waitForFunction(
        () => window.demoState.mode === 'still' && window.demoState.faces.length === 2,
      );
      await page.screenshot({ path: path.join(shots, 'demo-simd-no-isolation.png') });
      assert.deepEqual(errors, []);
    } finally {
      await browser.close();
    }
  });

  it('is usable with the keyboard and every control has a label', async () => {
    const browser = await launchChromium();
    try {
      const { page } = await openDemo(browser, server);
      const unlabelled = await page.evaluate(() =>
        [...document.querySelectorAll('input, select, button')]
          .filter(
            (el) => !(el.labels?.length || el.getAttribute('aria-label') || el.textContent.trim()),
          )
          .map((el) => el.id || el.outerHTML.slice(0, 60)),
      );
      assert.deepEqual(unlabelled, []);
      // Tab to the "Ivan" sample and press Enter.
      let focused = '';
      for (let i = 0; i < 20 && !focused.includes('Ivan'); i++) {
        await page.keyboard.press('Tab');
        focused = await page.evaluate(() => document.activeElement?.textContent ?? '');
      }
      assert.match(focused, /Ivan/);
      await page.keyboard.press('Enter');
      await page.waitForFunction(
        () => window.demoState.mode === 'still' && window.demoState.faces.length === 2,
      );
      // Arrow keys move a focused slider and the detection follows.
      await page.focus('#min-face-size');
      for (let i = 0; i < 30; i++) await page.keyboard.press('ArrowRight');
      assert.equal(await page.textContent('#min-face-size-out'), '50');
      await page.waitForFunction(() => window.demoState.faces.length === 1, null, {
        timeout: 20000,
      });
    } finally {
      await browser.close();
    }
  });

  it('refines landmarks when switched on, as Node does', async () => {
    const browser = await launchChromium();
    try {
      const { page, errors } = await openDemo(browser, server);
      const file = path.join(root, 'demo', 'samples', 'ipazc_ivan.png');
      await page.click('button.sample:has-text("Ivan")');
      await page.waitForFunction(() => window.demoState.faces.length === 2);
      const before = JSON.stringify(await page.evaluate(() => window.demoState.faces));
      await page.check('#refine-landmarks');
      // The new detector finds the still image's faces again, with other landmarks.
      await page.waitForFunction(
        (was) => window.demoState.refineLandmarks && JSON.stringify(window.demoState.faces) !== was,
        before,
        { timeout: 30000 },
      );
      const refined = await nodeFaces(file, { refineLandmarks: true });
      const plain = await nodeFaces(file);
      // The page shows the refined points (as Node finds them, up to the browser's decoding
      // of the PNG), which are not O-Net's.
      const shown = await page.evaluate(() => window.demoState.faces);
      assert.equal(shown.length, 2);
      const gap = (a, b) =>
        Math.max(
          ...a.flatMap((f, i) =>
            Object.keys(f.keypoints).map((k) =>
              Math.hypot(
                f.keypoints[k][0] - b[i].keypoints[k][0],
                f.keypoints[k][1] - b[i].keypoints[k][1],
              ),
            ),
          ),
        );
      assert.ok(gap(shown, refined) < 0.05, `${gap(shown, refined)} px from Node's`);
      assert.ok(gap(shown, plain) > 1, `${gap(shown, plain)} px from O-Net's`);
      assert.equal(await page.locator('#crops canvas').count(), 2);
      assert.deepEqual(errors, []);
    } finally {
      await browser.close();
    }
  });

  it('applies a new thread count live', async () => {
    const browser = await launchChromium();
    try {
      const { page, errors } = await openDemo(browser, server);
      await page.click('button.sample:has-text("Ivan")');
      await page.waitForFunction(() => window.demoState.faces.length === 2);
      await page.selectOption('#threads', '1');
      await page.waitForFunction(() => window.demoState.threads === 1, null, { timeout: 30000 });
      assert.match(await page.textContent('#engine'), /on 1 thread in a Worker/);
      // The still image is detected again by the new detector.
      await page.waitForFunction(() => window.demoState.faces.length === 2);
      await page.selectOption('#threads', '2');
      await page.waitForFunction(() => window.demoState.threads === 2, null, { timeout: 30000 });
      assert.deepEqual(errors, []);
    } finally {
      await browser.close();
    }
  });

  it('takes images by drag and drop and by paste', async () => {
    const browser = await launchChromium();
    try {
      const { page, errors } = await openDemo(browser, server);
      // Hands a sample to the page as a File in a DataTransfer, through a drop or a paste.
      const deliver = (sample, how) =>
        page.evaluate(
          ([b64, name, kind]) => {
            const dt = new DataTransfer();
            dt.items.add(
              new File([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], name, {
                type: 'image/png',
              }),
            );
            if (kind === 'drop') {
              document
                .getElementById('drop-zone')
                .dispatchEvent(
                  new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }),
                );
            } else {
              document.dispatchEvent(
                new ClipboardEvent('paste', { clipboardData: dt, bubbles: true }),
              );
            }
          },
          [
            fs.readFileSync(path.join(root, 'demo', 'samples', sample)).toString('base64'),
            sample,
            how,
          ],
        );
      await deliver('2007_007763.png', 'drop');
      await page.waitForFunction(
        () => window.demoState.mode === 'still' && window.demoState.faces.length === 7,
      );
      await deliver('skimage_astronaut.png', 'paste');
      await page.waitForFunction(
        () => window.demoState.faces.length === 1 && window.demoState.sourceWidth === 512,
      );
      assert.deepEqual(errors, []);
    } finally {
      await browser.close();
    }
  });

  it('a non-image file and a denied camera give visible messages; the page keeps working', async () => {
    // A camera exists (a fake one) but the permission prompt is answered "block".
    const browser = await launchChromium([
      '--use-fake-device-for-media-stream',
      '--deny-permission-prompts',
    ]);
    try {
      const { page, errors } = await openDemo(browser, server);
      await page.setInputFiles('#file-input', {
        name: 'notes.txt',
        mimeType: 'text/plain',
        buffer: Buffer.from('not an image'),
      });
      await page.waitForFunction(() => window.demoState.messageKind === 'error');
      assert.match(await page.textContent('#message'), /Cannot read “notes\.txt” as an image/);
      assert.equal(await page.isVisible('#message'), true);
      await page.screenshot({ path: path.join(shots, 'demo-bad-file.png') });
      await page.click('#camera-toggle');
      await page.waitForFunction(
        () => /camera/i.test(window.demoState.message) && window.demoState.messageKind === 'error',
        null,
        { timeout: 20000 },
      );
      assert.match(await page.textContent('#message'), /Camera permission was denied/);
      await page.screenshot({ path: path.join(shots, 'demo-camera-denied.png') });
      // Still works: a sample, then a setting applied live.
      await page.click('button.sample:has-text("Family")');
      await page.waitForFunction(
        () => window.demoState.mode === 'still' && window.demoState.faces.length === 7,
      );
      await page.fill('#min-face-size', '80');
      await page.waitForFunction(() => window.demoState.faces.length === 4, null, {
        timeout: 20000,
      });
      assert.deepEqual(errors, []);
    } finally {
      await browser.close();
    }
  });
});
