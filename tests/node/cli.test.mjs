// The Node command-line tool over the WebAssembly build.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import { fixturesDir, golden, root } from './fixtures.mjs';

const run = promisify(execFile);
const cli = path.join(root, 'web', 'bin', 'mtcnn-wasm.js');
const img = (f) => path.join(fixturesDir, 'images', f);

async function detect(args) {
  try {
    const { stdout, stderr } = await run(process.execPath, [cli, 'detect', ...args]);
    return { code: 0, stdout, stderr };
  } catch (e) {
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('mtcnn-wasm detect', () => {
  it('prints the JSON document for many files with one detector', async () => {
    const files = Object.keys(golden.images);
    const { code, stdout } = await detect([...files.map(img), '--json']);
    assert.equal(code, 0);
    const doc = JSON.parse(stdout);
    assert.equal(doc.length, files.length);
    doc.forEach((entry, i) => {
      assert.deepEqual(Object.keys(entry), ['file', 'width', 'height', 'faces']);
      assert.equal(entry.width, golden.images[files[i]].width);
      assert.equal(entry.faces.length, golden.images[files[i]].runs.default.faces.length);
    });
  });

  it('applies --min-face-size, --thresholds, --scale-factor and --threads', async () => {
    const file = '2007_007763.png';
    const r = golden.images[file].runs.min_face_size_80;
    const { code, stdout } = await detect([img(file), '--json', '--min-face-size', '80', '--thresholds', '0.6,0.7,0.7',
      '--scale-factor', '0.709', '--threads', '2']);
    assert.equal(code, 0);
    const faces = JSON.parse(stdout)[0].faces;
    assert.equal(faces.length, r.faces.length);
    faces.forEach((f, i) => assert.ok(Math.abs(f.confidence - r.faces[i].confidence) < 1e-4));
  });

  it('reports a file it cannot read and still does the others', async () => {
    const { code, stdout, stderr } = await detect([path.join(root, 'package.json'), img('skimage_astronaut.png'), '--json']);
    assert.equal(code, 1);
    const doc = JSON.parse(stdout);
    assert.equal(doc[0].error.name, 'InvalidImage');
    assert.equal(doc[1].faces.length, 1);
    assert.match(stderr, /package\.json/);
  });

  it('rejects bad arguments with usage and status 2', async () => {
    for (const args of [[], ['--thresholds', '1,2'], [img('ipazc_ivan.png'), '--min-face-size', 'abc'],
      [img('ipazc_ivan.png'), '--min-face-size', '0'], [img('ipazc_ivan.png'), '--bogus']]) {
      const { code, stderr } = await detect(args);
      assert.equal(code, 2, JSON.stringify(args));
      assert.match(stderr, /mtcnn-wasm/);
    }
  });
});
