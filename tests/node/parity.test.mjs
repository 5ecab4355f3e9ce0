// The public API on every build (threads, SIMD, plain) against the golden outputs of the
// fixture images for every run (settings), boxes, confidences and landmarks; and the three
// builds agree with each other.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createDetector } from '../../web/src/index.js';
import { compareFaces, summarize } from '../parity/compare.mjs';
import { fixtureImage, golden, optionsOf } from './fixtures.mjs';

const KEYPOINTS = ['left_eye', 'right_eye', 'nose', 'mouth_left', 'mouth_right'];

function checkContract(faces) {
  for (const f of faces) {
    assert.deepEqual(Object.keys(f).sort(), ['box', 'confidence', 'keypoints']);
    assert.equal(f.box.length, 4);
    for (const v of f.box) assert.equal(typeof v, 'number');
    assert.ok(f.confidence > 0 && f.confidence <= 1);
    assert.deepEqual(Object.keys(f.keypoints).sort(), [...KEYPOINTS].sort());
    for (const k of KEYPOINTS) assert.equal(f.keypoints[k].length, 2);
  }
  for (let i = 1; i < faces.length; i++)
    assert.ok(faces[i - 1].confidence >= faces[i].confidence, 'sorted by confidence');
}

const results = {};

for (const build of ['threads', 'simd', 'plain']) {
  describe(`${build} build`, () => {
    let detector;
    before(async () => {
      detector = await createDetector({ build });
    });
    after(() => detector.dispose());

    it('reports its build and thread count', () => {
      assert.equal(detector.build, build);
      assert.equal(detector.threads, 1);
    });

    it('matches the golden outputs on every fixture and run', async () => {
      const comparisons = [];
      results[build] = {};
      for (const [file, entry] of Object.entries(golden.images)) {
        const image = await fixtureImage(file);
        for (const [run, r] of Object.entries(entry.runs)) {
          detector.setOptions(optionsOf(r.settings));
          const faces = detector.detectFaces(image);
          checkContract(faces);
          results[build][`${file} ${run}`] = faces;
          const c = compareFaces({ [file]: { faces: r.faces } }, { [file]: { faces } });
          assert.equal(c.matched, r.faces.length, `${file} ${run}: every golden face found`);
          assert.equal(c.matched, faces.length, `${file} ${run}: no extra faces`);
          comparisons.push(c);
        }
      }
      const s = summarize(comparisons);
      assert.ok(s.golden >= 30, 'enough faces to mean something');
      assert.equal(
        s.withinBar,
        s.matched,
        'every face within |dconf| <= 1e-4, |dbox| and |dlandmark| <= 0.01 px',
      );
      assert.ok(
        s.maxDlandmark !== null && s.maxDlandmark <= 0.01,
        `landmarks within 0.01 px (${s.maxDlandmark})`,
      );
    });
  });
}

describe('builds agree', () => {
  it('threads, SIMD and plain give the same faces', () => {
    for (const key of Object.keys(results.threads ?? {})) {
      const a = results.threads[key];
      for (const other of ['simd', 'plain']) {
        const b = results[other][key];
        assert.equal(b.length, a.length, `${other} ${key}`);
        a.forEach((f, i) => {
          assert.ok(Math.abs(f.confidence - b[i].confidence) <= 1e-5, `${other} ${key} confidence`);
          f.box.forEach((v, k) =>
            assert.ok(Math.abs(v - b[i].box[k]) <= 1e-3, `${other} ${key} box`),
          );
          for (const [name, [x, y]] of Object.entries(f.keypoints)) {
            const [bx, by] = b[i].keypoints[name];
            assert.ok(
              Math.abs(x - bx) <= 1e-3 && Math.abs(y - by) <= 1e-3,
              `${other} ${key} ${name}`,
            );
          }
        });
      }
    }
    assert.ok(Object.keys(results.threads ?? {}).length >= 13);
  });
});
