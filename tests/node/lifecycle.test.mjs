// Node without flags: a script using the threaded build exits by itself after dispose();
// dispose frees the WebAssembly memory (memory.test.mjs watches a detector's heap over
// 10,000 calls).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import { root } from './fixtures.mjs';

const run = promisify(execFile);

describe('lifecycle', () => {
  it('a Node script with 2 threads exits on its own after dispose()', async () => {
    const script = `
      import { createDetector } from ${JSON.stringify(path.join(root, 'web/src/index.js'))};
      const d = await createDetector({ build: 'threads', threads: 2 });
      const data = new Uint8ClampedArray(64 * 64 * 4).fill(90);
      d.detectFaces({ width: 64, height: 64, data });
      d.dispose();
      console.log('done');`;
    const started = Date.now();
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
      timeout: 20000,
    });
    assert.equal(stdout.trim(), 'done');
    assert.ok(Date.now() - started < 20000);
  });

  it('dispose() releases the WebAssembly memory: 12 create/detect/dispose cycles stay bounded', async () => {
    const script = `
      import { createDetector } from ${JSON.stringify(path.join(root, 'web/src/index.js'))};
      const data = new Uint8ClampedArray(640 * 480 * 4).fill(120);
      const external = () => { global.gc(); const m = process.memoryUsage(); return m.external + m.arrayBuffers; };
      let peak = 0;
      for (let i = 0; i < 12; i++) {
        const d = await createDetector({ build: i % 2 ? 'threads' : 'simd', threads: i % 2 ? 2 : 1 });
        d.detectFaces({ width: 640, height: 480, data });
        const held = d.memory.wasmMemoryBytes;
        d.dispose();
        await new Promise((r) => setTimeout(r, 20));
        peak = Math.max(peak, external());
        if (i === 0) console.log(held);
      }
      console.log(peak);`;
    const { stdout } = await run(
      process.execPath,
      ['--expose-gc', '--input-type=module', '-e', script],
      { timeout: 60000 },
    );
    const [held, peak] = stdout.trim().split('\n').map(Number);
    console.log(
      `# one detector holds ${held} B of wasm memory; peak external+arrayBuffers after 12 disposals ${peak} B`,
    );
    assert.ok(held > 16 * 1024 * 1024);
    assert.ok(peak < 4 * held, 'disposed detectors do not pile up');
  });
});
