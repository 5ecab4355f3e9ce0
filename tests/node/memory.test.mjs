// Memory over a long run: 10,000 detections over mixed image sizes leave the WebAssembly
// heap and the JS heap where they were after warm-up (threaded build, two threads). Runs in a child Node with --expose-gc
// so that the JS heap can be measured after a full collection.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import { root } from './fixtures.mjs';

const run = promisify(execFile);

const script = `
  import { createDetector } from ${JSON.stringify(path.join(root, 'web/src/index.js'))};
  import { fixtureImage, scaledImage } from ${JSON.stringify(path.join(root, 'tests/node/fixtures.mjs'))};
  const CALLS = 10000;
  const face = await fixtureImage('skimage_astronaut.png');
  const group = await fixtureImage('2007_007763.png');
  const sizes = [[48, 48], [96, 72], [150, 110], [80, 140], [180, 90], [120, 120]];
  const images = [];
  for (const [w, h] of sizes) images.push(await scaledImage(face, w, h), await scaledImage(group, h, w));
  const noise = new Uint8ClampedArray(110 * 90 * 4).map((_, i) => (i * 2654435761) >>> 24);
  images.push({ width: 110, height: 90, data: noise });
  const d = await createDetector({ build: 'threads', threads: 2, minFaceSize: 20 });
  const snapshot = () => { global.gc(); return { ...d.memory, jsHeapUsed: process.memoryUsage().heapUsed }; };
  let faces = 0;
  // Warm-up: each thread's scratch reaches the largest size it will be handed.
  for (let i = 0; i < 100 * images.length; i++) d.detectFaces(images[i % images.length]);
  const warm = snapshot();
  const started = performance.now();
  for (let i = 0; i < CALLS; i++) faces += d.detectFaces(images[i % images.length]).length;
  const ms = performance.now() - started;
  const end = snapshot();
  d.dispose();
  console.log(JSON.stringify({ calls: CALLS, faces, ms, warm, end }));`;

describe('memory', () => {
  it('10,000 detections over mixed sizes keep the WebAssembly and JS heaps flat', async () => {
    const { stdout } = await run(
      process.execPath,
      ['--expose-gc', '--input-type=module', '-e', script],
      { timeout: 300000, cwd: root },
    );
    const r = JSON.parse(stdout.trim().split('\n').pop());
    const kib = (b) => `${(b / 1024).toFixed(0)} KiB`;
    console.log(
      `# ${r.calls} calls (${r.faces} faces) in ${(r.ms / 1000).toFixed(1)} s: wasm memory ` +
        `${kib(r.warm.wasmMemoryBytes)} -> ${kib(r.end.wasmMemoryBytes)}, heap in use ${kib(r.warm.heapBytesInUse)} -> ` +
        `${kib(r.end.heapBytesInUse)}, JS heap ${kib(r.warm.jsHeapUsed)} -> ${kib(r.end.jsHeapUsed)}`,
    );
    assert.ok(r.faces > r.calls / 3, 'the images have faces, so every stage ran');
    assert.equal(
      r.end.wasmMemoryBytes,
      r.warm.wasmMemoryBytes,
      'the WebAssembly memory did not grow',
    );
    assert.ok(
      Math.abs(r.end.heapBytesInUse - r.warm.heapBytesInUse) <= 64 * 1024,
      'malloc in-use bytes flat',
    );
    assert.ok(
      r.end.jsHeapUsed - r.warm.jsHeapUsed <= 2 * 1024 * 1024,
      'the JS heap flat (within 2 MiB)',
    );
  });
});
