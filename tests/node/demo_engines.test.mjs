// The demo page in every engine (tests/browser/engines.mjs): the three samples give the
// faces the package gives in Node, the page says which build and how many threads run (and
// why not more), and the camera runs in video mode on the engine's fake camera: Chromium
// plays a clip with a face (one id for it), Firefox and WebKit their own synthetic pictures
// (frames flow, nothing fails). Chromium-only checks (file input, a denied camera, latency
// overlay) are in demo.test.mjs.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { serve } from '../../demo/static_server.mjs';
import { createDetector } from '../../web/src/index.js';
import { engineMissing, ENGINES, launchEngine } from '../browser/engines.mjs';
import { framesToY4m } from '../browser/y4m.mjs';
import { makeClip } from '../video/clips.mjs';
import { fixtureImage, root } from './fixtures.mjs';

const shots = path.join(root, 'build', 'screenshots');
fs.mkdirSync(shots, { recursive: true });
const SAMPLES = ['skimage_astronaut.png', '2007_007763.png', 'ipazc_ivan.png'];

for (const engine of ENGINES) {
  describe(`the demo in ${engine}`, { skip: engineMissing(engine) ?? false }, () => {
    let server;
    let browser;
    let tmp;
    const expected = {};
    before(async () => {
      const d = await createDetector({ build: 'simd' });
      for (const f of SAMPLES) expected[f] = d.detectFaces(await fixtureImage(f)).length;
      d.dispose();
      tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mtcnn-demo-'));
      const y4m = path.join(tmp, 'webcam.y4m');
      framesToY4m((await makeClip('webcam')).frames, y4m);
      server = await serve(root, { isolated: true });
      browser = await launchEngine(engine, { fakeCamera: y4m });
    });
    after(async () => {
      await browser?.close();
      await server?.close();
      fs.rmSync(tmp, { recursive: true, force: true });
    });

    it('runs the samples, and says which build runs and why not more threads', async (t) => {
      const page = await browser.newPage();
      try {
        await page.goto(`${server.url}demo/`);
        await page.waitFor(
          () => window.demoState?.ready || window.demoState?.messageKind === 'error',
          null,
          120000,
        );
        const st = await page.evaluate(() => ({ ...window.demoState }));
        assert.equal(st.messageKind, '', st.message);
        const engineText = await page.text('#engine');
        t.diagnostic(`${engine}: ${engineText}`);
        if (st.build === 'threads') {
          assert.doesNotMatch(engineText, /unavailable/);
        } else {
          assert.match(engineText, /threads unavailable: .+/);
        }
        for (const file of SAMPLES) {
          await page.click(`button.sample[data-src="samples/${file}"]`);
          await page.waitFor(
            (n) => window.demoState.mode === 'still' && window.demoState.faces.length === n,
            expected[file],
            60000,
          );
        }
        await page.screenshot(path.join(shots, `demo-${engine}.png`));
        assert.deepEqual(page.errors, []);
      } finally {
        await page.close();
      }
    });

    it('follows faces on the fake camera in video mode', async (t) => {
      const page = await browser.newPage();
      try {
        await page.goto(`${server.url}demo/`);
        await page.waitFor(() => window.demoState?.ready, null, 120000);
        await page.click('#camera-toggle');
        await page.waitFor(
          () => window.demoState.frames >= 20 || window.demoState.messageKind === 'error',
          null,
          120000,
        );
        const st = await page.evaluate(() => ({ ...window.demoState }));
        assert.equal(st.messageKind, '', st.message);
        assert.equal(st.mode, 'camera');
        assert.ok(st.trackedFrames + st.fullScanFrames >= 20, 'frames went through video mode');
        if (engine === 'chromium') {
          // The clip's face: found, and followed (most frames tracked).
          assert.ok(st.faces.length >= 1);
          assert.ok(st.trackedFrames > st.fullScanFrames);
        }
        t.diagnostic(
          `${engine} camera: ${st.sourceWidth}x${st.sourceHeight}, ${st.faces.length} face(s), ${st.trackedFrames} tracked and ${st.fullScanFrames} scanned frames`,
        );
        await page.screenshot(path.join(shots, `demo-${engine}-camera.png`));
        await page.click('#camera-toggle');
        await page.waitFor(() => window.demoState.mode === 'idle', null, 30000);
        assert.deepEqual(page.errors, []);
      } finally {
        await page.close();
      }
    });
  });
}
