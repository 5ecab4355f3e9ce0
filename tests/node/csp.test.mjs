// A strict Content-Security-Policy: script-src 'self' 'wasm-unsafe-eval' (no 'unsafe-eval',
// no inline script), on every response including the Workers' scripts. The package (page
// detector, Worker detectors, two at once) and the demo work under it in every engine
// (tests/browser/engines.mjs), with and without cross-origin isolation, and the page sees
// no violation (securitypolicyviolation events; Chromium's console too).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { serve } from '../../demo/static_server.mjs';
import { engineMissing, ENGINES, launchEngine } from '../browser/engines.mjs';
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

for (const engine of ENGINES) {
  describe(
    `strict Content-Security-Policy in ${engine}`,
    { skip: engineMissing(engine) ?? false },
    () => {
      let browser;
      before(async () => {
        browser = await launchEngine(engine);
      });
      after(async () => {
        await browser?.close();
      });

      async function open(isolated, url, ready) {
        const server = await serve(root, { isolated, headers: { 'content-security-policy': CSP } });
        const page = await browser.newPage();
        await page.goto(`${server.url}${url}`);
        await page.waitFor(ready, null, 120000);
        return {
          page,
          close: async () => {
            await page.close();
            await server.close();
          },
        };
      }

      for (const isolated of [true, false]) {
        it(`the package, ${isolated ? 'COOP/COEP' : 'no isolation'}: page, Worker, two Workers`, async () => {
          const { page, close } = await open(
            isolated,
            'tests/browser/csp_page.html',
            () => document.getElementById('result').textContent !== 'running',
          );
          try {
            const r = JSON.parse(await page.text('#result'));
            assert.equal(r.error, undefined, `${r.error}\n${r.stack}`);
            assert.equal(r.build, isolated && r.sharedArrayBuffer ? 'threads' : 'simd');
            assert.equal(r.workerBuild, r.build);
            const expected = golden.images['skimage_astronaut.png'].runs.default.faces;
            for (const faces of [r.page, r.worker]) {
              assert.equal(faces.length, 1);
              assert.ok(Math.abs(faces[0].confidence - expected[0].confidence) < 1e-4);
            }
            assert.equal(
              r.familyFaces[0],
              golden.images['2007_007763.png'].runs.default.faces.length,
            );
            assert.equal(r.familyFaces[1], await nodeFaceCount('2007_007763.png', 40));
            assert.equal(r.twoWorkersAgree, true, 'each Worker answered with its own options');
            assert.deepEqual(r.violations, []);
            assert.deepEqual(page.errors, []);
          } finally {
            await close();
          }
        });
      }

      it('the demo page detects a sample', async () => {
        const { page, close } = await open(
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
          await page.click('button.sample[data-src="samples/skimage_astronaut.png"]');
          await page.waitFor(
            () => window.demoState.mode === 'still' && window.demoState.faces.length === 1,
            null,
            60000,
          );
          assert.deepEqual(page.errors, []);
        } finally {
          await close();
        }
      });
    },
  );
}
