// Which WebAssembly build 'auto' runs (Node: SharedArrayBuffer and SIMD are available).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chooseBuild, createDetector, InvalidOption } from '../../web/src/index.js';
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
    const runs = [[{}, 'simd', 1], [{ threads: 2 }, 'threads', 2], [{ build: 'threads' }, 'threads', 1]];
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
});
