// The package in every browser engine (tests/browser/engines.mjs: Chromium, Firefox ESR,
// WebKitGTK), served from the repository: every image source type on the same-thread and
// the Worker detector, every build asked for by name, named errors; with COOP/COEP the threads build on two threads where
// the engine can run threads (else the SIMD build on one, saying why), without them the
// SIMD build. A source whose API the engine lacks is reported, with the reason, as
// unsupported (never in Chromium); one that fails fails the test.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { serve } from '../../demo/static_server.mjs';
import { engineMissing, ENGINES, launchEngine } from '../browser/engines.mjs';
import { createDetector } from '../../web/src/index.js';
import { fixtureImage, golden, root } from './fixtures.mjs';

const expected = golden.images['skimage_astronaut.png'].runs.default.faces;

// The astronaut's landmarks refined by LNet, as Node finds them.
async function refinedInNode() {
  const d = await createDetector({ build: 'simd', refineLandmarks: true });
  try {
    return d.detectFaces(await fixtureImage('skimage_astronaut.png')).map((f) => f.keypoints);
  } finally {
    d.dispose();
  }
}

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
    await page.goto(`${server.url}tests/browser/api_page.html`);
    await page.waitFor(
      () => document.getElementById('result').textContent !== 'running',
      null,
      180000,
    );
    const r = JSON.parse(await page.text('#result'));
    assert.equal(r.error, undefined, `${r.error}\n${r.stack}`);
    assert.deepEqual(page.errors, []);
    assert.deepEqual(r.pageErrors, []);
    await page.close();
    return r;
  } finally {
    await server.close();
  }
}

for (const engine of ENGINES) {
  describe(`in ${engine}`, { skip: engineMissing(engine) ?? false }, () => {
    let browser;
    before(async () => {
      browser = await launchEngine(engine);
    });
    after(async () => {
      await browser?.close();
    });

    for (const isolated of [true, false]) {
      it(`${isolated ? 'with' : 'without'} COOP/COEP: every source, page and Worker`, async (t) => {
        const r = await runPage(browser, isolated);
        t.diagnostic(`${browser.version}: ${r.userAgent}`);
        assert.equal(r.crossOriginIsolated, isolated);
        const threadsCanRun = isolated && r.sharedArrayBuffer;
        if (engine !== 'webkit')
          assert.ok(!isolated || threadsCanRun, 'Chromium and Firefox run threads when isolated');
        if (threadsCanRun) {
          assert.deepEqual([r.build, r.threads, r.fallbackReason], ['threads', 2, null]);
          assert.deepEqual(r.warnings, []);
        } else if (r.asked > 1) {
          // Two threads asked for where they cannot run: the SIMD build on one, and why.
          assert.deepEqual([r.build, r.threads], ['simd', 1]);
          assert.match(r.fallbackReason, /2 threads asked for, running on 1: .*SharedArrayBuffer/);
          // The page's, the Worker's and the refining Worker's.
          assert.equal(r.warnings.length, 3, 'one warning for each detector');
          t.diagnostic(`${engine}: ${r.fallbackReason}`);
        } else {
          assert.deepEqual([r.build, r.threads, r.fallbackReason], ['simd', 1, null]);
        }
        assert.deepEqual([r.workerBuild, r.workerThreads], [r.build, r.threads]);
        for (const [source, result] of Object.entries(r.sources)) {
          assert.equal(result.error, undefined, `${source}: ${result.error}`);
          if (result.unsupported) {
            assert.notEqual(engine, 'chromium', `${source}: ${result.unsupported}`);
            t.diagnostic(`${engine}: ${source} unsupported: ${result.unsupported}`);
            continue;
          }
          if (source === 'video' || source === 'workerVideo') {
            // The video shows the canvas re-encoded: the same face, looser numbers.
            assert.equal(result.faces.length, 1, source);
          } else {
            checkFaces(result.faces, source);
          }
        }
        assert.deepEqual(r.errors, [
          'InvalidImage',
          'InvalidImage',
          'InvalidImage',
          'InvalidImage',
          'InvalidOption',
        ]);
        if (!r.sources.worker.unsupported) assert.equal(r.workerTransferred, true);
        // Asked for by name: plain and SIMD run everywhere; threads where they can, and
        // elsewhere InvalidOption with the reason.
        for (const [key, b] of Object.entries(r.builds)) {
          if (key.startsWith('threads') && !threadsCanRun) {
            assert.equal(b.error, 'InvalidOption', key);
            assert.match(b.message, /cross-origin isolated|SharedArrayBuffer/, key);
            t.diagnostic(`${engine}: build '${key}' refused: ${b.message}`);
            continue;
          }
          assert.equal(b.error, undefined, `${key}: ${b.message}`);
          assert.deepEqual(
            [b.build, b.threads],
            [key.split(' ')[0], key.startsWith('threads') ? 2 : 1],
          );
          checkFaces(b.faces, `build ${key}`);
        }
        assert.equal(Object.keys(r.builds).length, 6);
        // refineLandmarks and alignFaces in a Worker: Node's points, a 112 px ImageData.
        assert.equal(r.refined.error, undefined, r.refined.error);
        const want = await refinedInNode();
        assert.equal(r.refined.keypoints.length, want.length);
        for (const [k, p] of Object.entries(want[0])) {
          const q = r.refined.keypoints[0][k];
          assert.ok(Math.hypot(q[0] - p[0], q[1] - p[1]) < 0.01, `${k}: ${q} vs ${p}`);
        }
        assert.deepEqual(r.refined.crop, [112, 112, true]);
      });
    }
  });
}
