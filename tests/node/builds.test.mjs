// Which WebAssembly build 'auto' runs (Node: SharedArrayBuffer and SIMD are available), and how
// the threads build brings up its pthread Workers.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chooseBuild, createDetector, InvalidOption } from '../../web/src/index.js';
import { loadModule, workersLoaded } from '../../web/src/load_module.js';
import { fixtureImage } from './fixtures.mjs';

describe('build selection', () => {
  it("'auto' picks SIMD on one thread and the threads build on more", () => {
    assert.equal(chooseBuild(), 'simd');
    assert.equal(chooseBuild('auto', 1), 'simd');
    assert.equal(chooseBuild('auto', 2), 'threads');
    assert.equal(chooseBuild('threads', 1), 'threads', 'an explicit build is kept');
    assert.equal(chooseBuild('plain', 4), 'plain');
    assert.throws(() => chooseBuild('fast'), InvalidOption);
  });

  it('createDetector follows it, and every build finds the same faces', async () => {
    const image = await fixtureImage('ipazc_ivan.png');
    const runs = [
      [{}, 'simd', 1],
      [{ threads: 2 }, 'threads', 2],
      [{ build: 'threads' }, 'threads', 1],
    ];
    const found = [];
    for (const [options, build, threads] of runs) {
      const detector = await createDetector(options);
      try {
        assert.equal(detector.build, build, JSON.stringify(options));
        assert.equal(detector.threads, threads);
        found.push(detector.detectFaces(image));
      } finally {
        detector.dispose();
      }
    }
    assert.ok(found[0].length > 0);
    for (const faces of found.slice(1)) assert.deepEqual(faces, found[0]);
  });

  it('the threads build does not wait for its pthread Workers to load, and has none on one thread', async () => {
    const one = await loadModule('threads', { threads: 1 });
    assert.equal(one.PThread.unusedWorkers.length, 0);
    const three = await loadModule('threads', { threads: 3 });
    try {
      const workers = three.PThread.unusedWorkers;
      assert.equal(workers.length, 2);
      // Resolved without handling their 'loaded' messages: they load while the caller
      // builds the networks (Detector.create), which then waits here.
      assert.ok(workers.every((w) => !w.loaded));
      await workersLoaded(three);
      assert.ok(workers.every((w) => w.loaded));
      await workersLoaded(three);
    } finally {
      three.PThread.terminateAllThreads();
    }
  });
});
