// The package as users get it: `npm pack`, install the tarball into a fresh project, detect
// faces there in Node (API and bin); build a consumer app with Vite and run it in headless
// Chromium (Debian's, through playwright-core).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { launchChromium } from '../browser/chromium.mjs';
import { serve } from '../../demo/static_server.mjs';
import { fixturesDir, golden, root } from './fixtures.mjs';

const run = promisify(execFile);
const npm = (args, cwd) =>
  run('npm', args, {
    cwd,
    maxBuffer: 1 << 26,
    env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false' },
  });

describe('the npm package', () => {
  let work;
  let tarball;
  let project;

  before(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'mtcnn-pack-'));
    const { stdout } = await npm(['pack', '--json', '--pack-destination', work], root);
    const info = JSON.parse(stdout)[0];
    tarball = path.join(work, info.filename);
    project = path.join(work, 'consumer');
    fs.mkdirSync(project);
    fs.writeFileSync(
      path.join(project, 'package.json'),
      JSON.stringify({ name: 'consumer', private: true, type: 'module' }),
    );
    await npm(['install', '--no-save', tarball], project);
  });
  after(() => fs.rmSync(work, { recursive: true, force: true }));

  it('holds all three builds, the types and the license', async () => {
    const { stdout } = await run('tar', ['-tzf', tarball]);
    const files = stdout.split('\n');
    for (const b of ['threads', 'simd', 'plain']) {
      assert.ok(files.includes(`package/web/dist/mtcnn-${b}.wasm`), b);
      assert.ok(files.includes(`package/web/dist/mtcnn-${b}.mjs`), b);
    }
    for (const f of [
      'web/dist/mtcnn-threads.worker.js',
      'web/dist/package.json',
      'web/src/index.d.ts',
      'web/src/worker.js',
      'web/bin/mtcnn-wasm.js',
      'weights/LICENSE',
      'LICENSE',
      'README.md',
    ]) {
      assert.ok(files.includes(`package/${f}`), f);
    }
    assert.ok(
      !files.some((f) => f.includes('tests/') || f.includes('/src/detector.cpp')),
      'no sources or tests',
    );
  });

  it('detects faces in a fresh Node project (API and bin)', async () => {
    const image = path.join(fixturesDir, 'images', '2007_007763.png');
    const script = `
      import { createDetector } from 'mtcnn-wasm';
      import { readFile } from 'node:fs/promises';
      const { createCanvas, loadImage } = await import('@napi-rs/canvas');
      const img = await loadImage(await readFile(${JSON.stringify(image)}));
      const c = createCanvas(img.width, img.height); const ctx = c.getContext('2d'); ctx.drawImage(img, 0, 0);
      const d = await createDetector({ threads: 2 });
      const faces = d.detectFaces(ctx.getImageData(0, 0, img.width, img.height));
      console.log(JSON.stringify({ build: d.build, n: faces.length }));
      d.dispose();`;
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
      cwd: project,
      timeout: 30000,
    });
    assert.deepEqual(JSON.parse(stdout), { build: 'threads', n: 7 });
    const bin = await run(
      path.join(project, 'node_modules', '.bin', 'mtcnn-wasm'),
      ['detect', image, '--json'],
      { cwd: project },
    );
    assert.equal(JSON.parse(bin.stdout)[0].faces.length, 7);
  });

  it('works bundled by Vite in headless Chromium, on the main thread and in a Worker', async () => {
    const app = path.join(project, 'app');
    fs.cpSync(path.join(root, 'tests', 'consumer-app'), app, { recursive: true });
    fs.copyFileSync(
      path.join(fixturesDir, 'images', 'skimage_astronaut.png'),
      path.join(app, 'face.png'),
    );
    await run(
      process.execPath,
      [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--outDir', 'dist'],
      { cwd: app, maxBuffer: 1 << 24 },
    );
    const assets = fs.readdirSync(path.join(app, 'dist', 'assets'));
    assert.ok(
      assets.some((f) => /^mtcnn-simd-.*\.wasm$/.test(f)),
      `Vite emitted the .wasm: ${assets.join(', ')}`,
    );
    const server = await serve(path.join(app, 'dist'), { isolated: false });
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(server.url);
      await page.waitForFunction(
        () => document.getElementById('result').textContent !== 'running',
        null,
        { timeout: 60000 },
      );
      const result = JSON.parse(await page.textContent('#result'));
      assert.equal(result.error, undefined, result.error);
      assert.deepEqual(errors, []);
      assert.equal(result.crossOriginIsolated, false);
      assert.equal(result.build, 'simd', 'auto picks SIMD without cross-origin isolation');
      const expected = golden.images['skimage_astronaut.png'].runs.default.faces;
      for (const faces of [result.fromCanvas, result.fromImage, result.fromWorker]) {
        assert.equal(faces.length, expected.length);
        assert.ok(Math.abs(faces[0].confidence - expected[0].confidence) < 1e-4);
        faces[0].box.forEach((v, k) => assert.ok(Math.abs(v - expected[0].box_float[k]) < 0.01));
      }
      assert.equal(result.named, 'InvalidImage');
      assert.equal(result.transferred, true, 'the ImageBitmap was transferred to the Worker');
    } finally {
      await browser.close();
      await server.close();
    }
  });
});
