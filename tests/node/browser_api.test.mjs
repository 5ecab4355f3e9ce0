// The package in headless Chromium, served from the repository: every image source type on
// the same-thread and the Worker detector, named errors; with COOP/COEP the threaded build
// is chosen, without them the SIMD build.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launchChromium } from '../browser/chromium.mjs';
import { serve } from '../../demo/static_server.mjs';
import { golden, root } from './fixtures.mjs';

const expected = golden.images['skimage_astronaut.png'].runs.default.faces;

function checkFaces(faces, what) {
  assert.equal(faces.length, expected.length, what);
  assert.ok(Math.abs(faces[0].confidence - expected[0].confidence) < 1e-4, what);
  faces[0].box.forEach((v, k) =>
    assert.ok(Math.abs(v - expected[0].box_float[k]) < 0.01, `${what} box`),
  );
}

async function runPage(browser, isolated) {
  const server = await serve(root, { isolated });
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.url}tests/browser/api_page.html`);
    await page.waitForFunction(
      () => document.getElementById('result').textContent !== 'running',
      null,
      { timeout: 90000 },
    );
    const r = JSON.parse(await page.textContent('#result'));
    assert.equal(r.error, undefined, `${r.error}\n${r.stack}`);
    assert.deepEqual(errors, []);
    await page.close();
    return r;
  } finally {
    await server.close();
  }
}

describe('in Chromium', () => {
  let browser;
  before(async () => {
    browser = await launchChromium();
  });
  after(async () => {
    await browser.close();
  });

  for (const isolated of [true, false]) {
    it(
      isolated
        ? 'with COOP/COEP: threads build, 2 threads, every source'
        : 'without COOP/COEP: SIMD build, every source',
      async () => {
        const r = await runPage(browser, isolated);
        assert.equal(r.crossOriginIsolated, isolated);
        assert.equal(r.build, isolated ? 'threads' : 'simd');
        assert.equal(r.threads, isolated ? 2 : 1);
        assert.equal(r.workerBuild, r.build);
        for (const k of [
          'imageData',
          'canvas',
          'offscreen',
          'img',
          'bitmap',
          'videoFrame',
          'after',
          'worker',
          'workerVideoFrame',
          'workerCanvas',
        ])
          checkFaces(r[k], k);
        // The video shows the canvas re-encoded: same face, looser numbers.
        assert.equal(r.video.length, 1);
        assert.deepEqual(r.errors, [
          'InvalidImage',
          'InvalidImage',
          'InvalidImage',
          'InvalidImage',
          'InvalidOption',
        ]);
        assert.equal(r.workerTransferred, true);
      },
    );
  }
});
