// The committed fixtures are copies of ../shared/data (tools/make_fixtures.py): the PNGs
// byte for byte, and golden.json the reference's outputs for those images in every run.
// Where ../shared is absent (a clone elsewhere) the checks are skipped and say so.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fixturesDir, golden, root } from './fixtures.mjs';

const shared = process.env.MTCNN_SHARED ?? path.resolve(root, '..', 'shared');
const sharedData = path.join(shared, 'data');
const absent = !fs.existsSync(path.join(sharedData, 'golden'))
  ? `no golden data at ${sharedData}`
  : false;

const stemOf = (file) => path.parse(file).name;

describe('fixture provenance', { skip: absent }, () => {
  for (const [file, entry] of Object.entries(golden.images)) {
    it(`${file} is ${entry.dataset}'s decoded image, byte for byte`, () => {
      const copy = fs.readFileSync(path.join(fixturesDir, 'images', file));
      const original = fs.readFileSync(
        path.join(sharedData, 'decoded', entry.dataset, `${stemOf(file)}.png`),
      );
      assert.ok(copy.equals(original));
    });

    it(`${file}'s golden outputs are ${entry.dataset}'s, in every run`, () => {
      const source = JSON.parse(
        fs.readFileSync(path.join(sharedData, 'golden', `${entry.dataset}.json`), 'utf8'),
      );
      assert.deepEqual(Object.keys(entry.runs).sort(), Object.keys(source.runs).sort());
      for (const [run, r] of Object.entries(source.runs)) {
        const key = Object.keys(r.images).find((k) => stemOf(k) === stemOf(file));
        assert.ok(key, `${run}: ${file} in ${entry.dataset}`);
        const image = r.images[key];
        assert.equal(entry.width, image.width);
        assert.equal(entry.height, image.height);
        assert.deepEqual(entry.runs[run].settings, r.settings, `${run} settings`);
        const faces = image.faces.map((f) => ({
          box_float: f.box_float,
          confidence: f.confidence,
          keypoints_float: f.keypoints_float,
        }));
        assert.deepEqual(entry.runs[run].faces, faces, `${run} faces`);
      }
    });
  }
});
