// train/tools/to_jsonl.mjs: annotated sets and the CLI's own detections into the trainer's
// JSON Lines, so detections can be reviewed and fed back.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fiveFrom68, keypointsOf } from '../../train/tools/to_jsonl.mjs';
import { fixturesDir, root } from './fixtures.mjs';

const tool = path.join(root, 'train', 'tools', 'to_jsonl.mjs');
const cli = path.join(root, 'web', 'bin', 'mtcnn-wasm.js');

function readJsonl(file) {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));
}

describe('training annotations (to_jsonl.mjs)', () => {
  it('reduces 68 points to the detector five: eye centres, nose tip, mouth corners', () => {
    const p = Array.from({ length: 68 }, (_, i) => [i, 100 + i]);
    const five = fiveFrom68(p);
    assert.deepEqual(five[0], [38.5, 138.5]); // mean of points 36..41
    assert.deepEqual(five[1], [44.5, 144.5]); // mean of points 42..47
    assert.deepEqual(five[2], [30, 130]);
    assert.deepEqual(five[3], [48, 148]);
    assert.deepEqual(five[4], [54, 154]);
    assert.deepEqual(Object.keys(keypointsOf({ landmarks68: p })), [
      'left_eye',
      'right_eye',
      'nose',
      'mouth_left',
      'mouth_right',
    ]);
    // landmarks5 wins; Caltech's four points (no mouth corners) give none.
    assert.deepEqual(
      keypointsOf({
        landmarks5: [
          [1, 2],
          [3, 4],
          [5, 6],
          [7, 8],
          [9, 10],
        ],
        landmarks68: p,
      }).nose,
      [5, 6],
    );
    assert.equal(
      keypointsOf({
        landmarks4: [
          [1, 2],
          [3, 4],
          [5, 6],
          [7, 8],
        ],
      }),
      undefined,
    );
  });

  it("turns the CLI's detections into training records, uncertain faces into ignore regions", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'to-jsonl-'));
    const dets = path.join(dir, 'dets.jsonl');
    execFileSync(process.execPath, [cli, 'detect', 'images/2007_007763.png', '--jsonl', dets], {
      cwd: fixturesDir,
    });
    const out = path.join(dir, 'sub', 'train.jsonl');
    fs.mkdirSync(path.dirname(out));
    execFileSync(
      process.execPath,
      [tool, '--detections', dets, '--cwd', fixturesDir, '--min-confidence', '0.999', '--out', out],
      {
        stdio: 'pipe',
      },
    );
    const [detected] = readJsonl(dets);
    const [record] = readJsonl(out);
    // The image path is relative to the output file's folder and points at the image.
    assert.equal(
      path.resolve(path.dirname(out), record.image),
      path.join(fixturesDir, 'images', '2007_007763.png'),
    );
    assert.equal(record.faces.length, detected.faces.length);
    detected.faces.forEach((f, i) => {
      assert.deepEqual(record.faces[i].box, f.box);
      assert.deepEqual(record.faces[i].keypoints, f.keypoints);
      assert.equal(record.faces[i].ignore, f.confidence >= 0.999 ? undefined : true);
    });
    assert.ok(record.faces.some((f) => f.ignore) && record.faces.some((f) => !f.ignore));
    fs.rmSync(dir, { recursive: true });
  });
});
