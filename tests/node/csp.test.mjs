// A strict Content-Security-Policy: script-src 'self' 'wasm-unsafe-eval' (no 'unsafe-eval',
// no inline script), on every response including the Workers' scripts. The package (page
// detector, Worker detectors, two at once) and the demo work under it in Chromium, with and
// without cross-origin isolation, and the browser reports no violation.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { serve } from '../../demo/static_server.mjs';
import { launchChromium } from '../browser/chromium.mjs';
import { createDetector } from '../../web/src/index.js';
import { fixtureImage, golden, root } from './fixtures.mjs';

async function nodeFaceCount(file, minFaceSize) {
  const d = await createDetector({ build: 'simd', minFaceSize });
  const n = d.detectFaces(await fixtureImage(file)).length;
  d.dispose();
  return n;
}

const CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: blob:";

describe('strict Content-Security-Policy', () => {
  let browser;
  before(async () => {
    browser = await launchChromium();
  });
  after(async () => {
    await browser.close();
  });

  async function open(isolated, url, ready) {
    const server = await serve(root, { isolated, headers: { 'content-security-policy': CSP } });
    const page = await browser.newPage();
    const problems = [];
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) problems.push(m.text());
    });
    await page.goto(`${server.url}${url}`);
    await page.waitForFunction(ready, null, { timeout: 90000 });
    return {
      page,
      problems,
      close: async () => {
        await page.close();
        await server.close();
      },
    };
  }

  for (const isolated of [true, false]) {
    it(`the package, ${isolated ? 'threads build (COOP/COEP)' : 'SIMD build'}: page, Worker, two Workers`, async () => {
      const { page, problems, close } = await open(
        isolated,
        'tests/browser/csp_page.html',
        () => document.getElementById('result').textContent !== 'running',
      );
      try {
        const r = JSON.parse(await page.textContent('#result'));
        assert.equal(r.error, undefined, `${r.error}\n${r.stack}`);
        assert.equal(r.build, isolated ? 'threads' : 'simd');
        assert.equal(r.workerBuild, r.build);
        const expected = golden.images['skimage_astronaut.png'].runs.default.faces;
        for (const faces of [r.page, r.worker]) {
          assert.equal(faces.length, 1);
          assert.ok(Math.abs(faces[0].confidence - expected[0].confidence) < 1e-4);
        }
        assert.equal(r.familyFaces[0], golden.images['2007_007763.png'].runs.default.faces.length);
        assert.equal(r.familyFaces[1], await nodeFaceCount('2007_007763.png', 40));
        assert.equal(r.twoWorkersAgree, true, 'each Worker answered with its own options');
        assert.deepEqual(r.violations, []);
        assert.deepEqual(problems, []);
      } finally {
        await close();
      }
    });
  }

  it('the demo page detects a sample', async () => {
    const { page, problems, close } = await open(
      true,
      'demo/',
      () => window.demoState?.ready || window.demoState?.messageKind === 'error',
    );
    try {
      assert.equal(
        await page.evaluate(() => window.demoState.messageKind),
        '',
        await page.evaluate(() => window.demoState.message),
      );
      await page.click('button.sample:has-text("Astronaut")');
      await page.waitForFunction(
        () => window.demoState.mode === 'still' && window.demoState.faces.length === 1,
        null,
        { timeout: 30000 },
      );
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });
});
