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
    const { code, stdout } = await detect([
      img(file),
      '--json',
      '--min-face-size',
      '80',
      '--thresholds',
      '0.6,0.7,0.7',
      '--scale-factor',
      '0.709',
      '--threads',
      '2',
    ]);
    assert.equal(code, 0);
    const faces = JSON.parse(stdout)[0].faces;
    assert.equal(faces.length, r.faces.length);
    faces.forEach((f, i) => assert.ok(Math.abs(f.confidence - r.faces[i].confidence) < 1e-4));
  });

  it('reports a file it cannot read and still does the others', async () => {
    const { code, stdout, stderr } = await detect([
      path.join(root, 'package.json'),
      img('skimage_astronaut.png'),
      '--json',
    ]);
    assert.equal(code, 1);
    const doc = JSON.parse(stdout);
    assert.equal(doc[0].error.name, 'InvalidImage');
    assert.equal(doc[1].faces.length, 1);
    assert.match(stderr, /package\.json/);
  });

  it('--draw writes the image with the boxes drawn', async () => {
    const { mkdtemp, readdir } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { readImageFile } = await import('../../web/src/node/image_file.js');
    const dir = await mkdtemp(path.join(tmpdir(), 'mtcnn-draw-'));
    const out = path.join(dir, 'one.png');
    const { code, stdout } = await detect([img('skimage_astronaut.png'), '--json', '--draw', out]);
    assert.equal(code, 0);
    const [x, y, w] = JSON.parse(stdout)[0].faces[0].box;
    const drawn = await readImageFile(out);
    assert.equal(drawn.width, 512);
    // The box's top edge, midway along, is painted in the box colour #22c55e: the 3 px stroke
    // is centred on y, so row ceil(y - 1.5) lies wholly inside it (no antialiasing there).
    const i = (Math.ceil(y - 1.5) * drawn.width + Math.round(x + w / 2)) * 4;
    assert.deepEqual([...drawn.data.subarray(i, i + 3)], [0x22, 0xc5, 0x5e]);
    // Several inputs: one PNG per input in the folder.
    const many = path.join(dir, 'many');
    assert.equal(
      (await detect([img('skimage_astronaut.png'), img('ipazc_ivan.png'), '--draw', many])).code,
      0,
    );
    assert.deepEqual((await readdir(many)).sort(), ['ipazc_ivan.png', 'skimage_astronaut.png']);
  });

  it('--crops writes each face aligned, the same pixels as the native CLI; --refine-landmarks', async () => {
    const { mkdtemp, readdir } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { readImageFile } = await import('../../web/src/node/image_file.js');
    const dir = await mkdtemp(path.join(tmpdir(), 'mtcnn-crops-'));
    const file = img('2007_007763.png');
    const args = [
      '--json',
      '--refine-landmarks',
      '--crop-template',
      'facenet',
      '--crop-size',
      '64',
    ];
    const { code, stdout } = await detect([file, ...args, '--crops', path.join(dir, 'wasm')]);
    assert.equal(code, 0);
    const faces = JSON.parse(stdout)[0].faces;
    const names = faces.map((_, i) => `2007_007763_${i}.png`);
    assert.deepEqual((await readdir(path.join(dir, 'wasm'))).sort(), [...names].sort());
    const native = path.join(root, 'build', 'native', 'cli', 'mtcnn-cli');
    const nativeOut = await run(native, [
      'detect',
      file,
      ...args,
      '--crops',
      path.join(dir, 'native'),
    ]);
    assert.deepEqual(JSON.parse(nativeOut.stdout)[0].faces.length, faces.length);
    for (const name of names) {
      const a = await readImageFile(path.join(dir, 'wasm', name));
      const b = await readImageFile(path.join(dir, 'native', name));
      assert.equal(a.width, 64);
      assert.deepEqual(a.data, b.data, name);
    }
    // Refined: the landmarks differ from a plain run's, the boxes do not.
    const plain = JSON.parse((await detect([file, '--json'])).stdout)[0].faces;
    assert.deepEqual(
      faces.map((f) => f.box),
      plain.map((f) => f.box),
    );
    assert.notDeepEqual(
      faces.map((f) => f.keypoints),
      plain.map((f) => f.keypoints),
    );
  });

  it('rejects bad arguments with usage and status 2', async () => {
    for (const args of [
      [],
      ['--thresholds', '1,2'],
      [img('ipazc_ivan.png'), '--min-face-size', 'abc'],
      [img('ipazc_ivan.png'), '--min-face-size', '0'],
      [img('ipazc_ivan.png'), '--bogus'],
      [img('ipazc_ivan.png'), '--crops', '/tmp/x', '--crop-template', 'square'],
      [img('ipazc_ivan.png'), '--crops', '/tmp/x', '--crop-size', '0'],
      [img('ipazc_ivan.png'), '--lnet-weights', '/nonexistent.safetensors'],
    ]) {
      const { code, stderr } = await detect(args);
      assert.equal(code, 2, JSON.stringify(args));
      assert.match(stderr, /mtcnn-wasm/);
    }
  });
});
