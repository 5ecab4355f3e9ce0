// The package as users get it: `npm pack`, install the tarball into a fresh project (lean:
// no native binary, under 10 MB), detect faces there in Node (API and bin); build consumer
// apps with Vite and with webpack 5 and run them in headless Chromium (Debian's, through
// playwright-core), the webpack one cross-origin isolated, on two threads.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { launchChromium } from '../browser/chromium.mjs';
import { serve } from '../../demo/static_server.mjs';
import { fixtureImage, fixturesDir, golden, root } from './fixtures.mjs';

// Every file below `dir`, with its size.
function filesIn(dir) {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => {
      const file = path.join(e.parentPath ?? e.path, e.name);
      return { file, bytes: fs.statSync(file).size };
    });
}

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
      'web/src/node/index.d.ts',
      'web/src/node/batch_worker.js',
      'web/src/worker.js',
      'web/bin/mtcnn-wasm.js',
      'weights/LICENSE',
      'weights/lnet.safetensors',
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

  it('installs lean: no native binary, under 10 MB with its dependencies besides LNet', () => {
    const files = filesIn(path.join(project, 'node_modules'));
    const native = files.filter((f) => f.file.endsWith('.node'));
    assert.deepEqual(native, [], 'no native addons');
    // LNet's weights are data fetched only for refineLandmarks, and as big as they are.
    const lnet = files.filter((f) => f.file.endsWith(path.join('weights', 'lnet.safetensors')));
    assert.equal(lnet.length, 1, 'LNet ships in the package');
    const bytes = files.reduce((a, f) => a + f.bytes, 0) - lnet[0].bytes;
    console.log(
      `# a fresh install: ${(bytes / 2 ** 20).toFixed(1)} MiB in ${files.length} files, ` +
        `and LNet's ${(lnet[0].bytes / 2 ** 20).toFixed(1)} MiB`,
    );
    assert.ok(bytes < 10 * 2 ** 20, `${(bytes / 2 ** 20).toFixed(1)} MiB`);
  });

  it('detects faces in a fresh Node project (API, mtcnn-wasm/node and bin, with --draw)', async () => {
    const image = path.join(fixturesDir, 'images', '2007_007763.png');
    // The app brings its own pixels (here raw RGBA written by this test).
    const { width, height, data } = await fixtureImage('2007_007763.png');
    const rgba = path.join(work, 'family.rgba');
    fs.writeFileSync(rgba, data);
    const script = `
      import { createDetector } from 'mtcnn-wasm';
      import { detectFiles } from 'mtcnn-wasm/node';
      import { readFile } from 'node:fs/promises';
      const data = new Uint8ClampedArray(await readFile(${JSON.stringify(rgba)}));
      const d = await createDetector({ threads: 2 });
      const faces = d.detectFaces({ width: ${width}, height: ${height}, data });
      const batch = [];
      for await (const r of detectFiles([${JSON.stringify(image)}], { jobs: 1 })) batch.push(r.faces.length);
      console.log(JSON.stringify({ build: d.build, n: faces.length, batch }));
      d.dispose();`;
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
      cwd: project,
      timeout: 30000,
    });
    assert.deepEqual(JSON.parse(stdout), { build: 'threads', n: 7, batch: [7] });
    const drawn = path.join(work, 'drawn.png');
    const bin = await run(
      path.join(project, 'node_modules', '.bin', 'mtcnn-wasm'),
      ['detect', image, '--json', '--draw', drawn],
      { cwd: project },
    );
    assert.equal(JSON.parse(bin.stdout)[0].faces.length, 7);
    assert.ok(fs.readFileSync(drawn).subarray(1, 4).toString() === 'PNG', '--draw wrote a PNG');
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
      assert.equal(result.refined, true, 'LNet moved the landmarks in the Worker');
      assert.deepEqual(result.aligned, [112, 112]);
    } finally {
      await browser.close();
      await server.close();
    }
  });

  it('works bundled by webpack 5, cross-origin isolated, on two threads and in a Worker', async () => {
    const app = path.join(project, 'webpack-app');
    fs.cpSync(path.join(root, 'tests', 'consumer-app-webpack'), app, { recursive: true });
    fs.copyFileSync(path.join(root, 'tests', 'consumer-app', 'main.js'), path.join(app, 'main.js'));
    fs.copyFileSync(
      path.join(fixturesDir, 'images', 'skimage_astronaut.png'),
      path.join(app, 'face.png'),
    );
    await run(
      process.execPath,
      [path.join(root, 'node_modules', 'webpack-cli', 'bin', 'cli.js'), '--no-color'],
      { cwd: app, maxBuffer: 1 << 24 },
    );
    const dist = path.join(app, 'dist');
    fs.copyFileSync(path.join(app, 'index.html'), path.join(dist, 'index.html'));
    const emitted = fs.readdirSync(dist);
    for (const f of ['mtcnn-threads.worker.js', 'mtcnn-threads.mjs']) {
      assert.ok(emitted.includes(f), `webpack copied ${f}: ${emitted.join(', ')}`);
    }
    assert.ok(
      emitted.some((f) => f.endsWith('.wasm')),
      'webpack emitted the .wasm files',
    );
    const server = await serve(dist, { isolated: true });
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
      assert.equal(result.crossOriginIsolated, true);
      assert.deepEqual(
        [result.build, result.threads, result.workerBuild, result.workerThreads],
        ['threads', 2, 'threads', 2],
      );
      const expected = golden.images['skimage_astronaut.png'].runs.default.faces;
      for (const faces of [result.fromCanvas, result.fromImage, result.fromWorker]) {
        assert.equal(faces.length, expected.length);
        faces[0].box.forEach((v, k) => assert.ok(Math.abs(v - expected[0].box_float[k]) < 0.01));
      }
      assert.equal(result.named, 'InvalidImage');
      assert.equal(result.transferred, true);
      assert.equal(result.refined, true, 'LNet moved the landmarks in the Worker');
      assert.deepEqual(result.aligned, [112, 112]);
    } finally {
      await browser.close();
      await server.close();
    }
  });
});
