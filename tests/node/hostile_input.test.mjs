// Hostile input, one table: every bad value the public API or the CLIs can be handed gets
// its named error (never a crash, an abort or a silent empty result), and the detector
// that saw it keeps working.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { createDetector } from '../../web/src/index.js';
import { fixtureImage, fixturesDir, root } from './fixtures.mjs';

const rgba = (w, h) => new Uint8ClampedArray(w * h * 4);
const goodWeights = readFileSync(path.join(root, 'weights', 'mtcnn.safetensors'));

// A safetensors file whose JSON header is edited by `edit` (offsets left as they were).
function editedWeights(edit) {
  const headerLength = Number(goodWeights.readBigUInt64LE(0));
  const header = JSON.parse(goodWeights.subarray(8, 8 + headerLength).toString());
  edit(header);
  const json = Buffer.from(JSON.stringify(header));
  const length = Buffer.alloc(8);
  length.writeBigUInt64LE(BigInt(json.length));
  return Buffer.concat([length, json, goodWeights.subarray(8 + headerLength)]);
}
// The good file with one float of the first tensor set to NaN.
function weightsWithNaN() {
  const copy = Buffer.from(goodWeights);
  const headerLength = Number(copy.readBigUInt64LE(0));
  copy.writeFloatLE(Number.NaN, 8 + headerLength);
  return copy;
}

// [name, what to do with detector d (a fresh one where noted), expected error name]
const apiCases = [
  // detectFaces: not an image
  ['image null', (d) => d.detectFaces(null), 'InvalidImage'],
  ['image undefined', (d) => d.detectFaces(undefined), 'InvalidImage'],
  ['image a string', (d) => d.detectFaces('photo.png'), 'InvalidImage'],
  ['image a number', (d) => d.detectFaces(42), 'InvalidImage'],
  ['image without data', (d) => d.detectFaces({ width: 2, height: 2 }), 'InvalidImage'],
  [
    'image whose getter throws',
    (d) =>
      d.detectFaces({
        width: 2,
        height: 2,
        get data() {
          throw new Error('boom');
        },
      }),
    'InvalidImage',
  ],
  // detectFaces: wrong data
  [
    'data too short',
    (d) => d.detectFaces({ width: 4, height: 4, data: rgba(4, 3) }),
    'InvalidImage',
  ],
  [
    'data too long',
    (d) => d.detectFaces({ width: 4, height: 4, data: rgba(5, 4) }),
    'InvalidImage',
  ],
  [
    'RGB data (3 bytes a pixel)',
    (d) => d.detectFaces({ width: 4, height: 4, data: new Uint8ClampedArray(48) }),
    'InvalidImage',
  ],
  [
    'a plain array as data',
    (d) => d.detectFaces({ width: 1, height: 1, data: [0, 0, 0, 255] }),
    'InvalidImage',
  ],
  [
    'Float32Array data',
    (d) => d.detectFaces({ width: 1, height: 1, data: new Float32Array(4) }),
    'InvalidImage',
  ],
  [
    'Uint16Array data',
    (d) => d.detectFaces({ width: 1, height: 1, data: new Uint16Array(4) }),
    'InvalidImage',
  ],
  [
    'a detached buffer',
    (d) => {
      const data = rgba(8, 8);
      structuredClone(data.buffer, { transfer: [data.buffer] });
      return d.detectFaces({ width: 8, height: 8, data });
    },
    'InvalidImage',
  ],
  // detectFaces: dimensions
  ['zero width', (d) => d.detectFaces({ width: 0, height: 4, data: rgba(0, 4) }), 'InvalidImage'],
  [
    'negative height',
    (d) => d.detectFaces({ width: 4, height: -4, data: rgba(4, 4) }),
    'InvalidImage',
  ],
  [
    'fractional width',
    (d) => d.detectFaces({ width: 2.5, height: 2, data: rgba(5, 1) }),
    'InvalidImage',
  ],
  ['NaN width', (d) => d.detectFaces({ width: NaN, height: 2, data: rgba(2, 2) }), 'InvalidImage'],
  [
    'Infinity height',
    (d) => d.detectFaces({ width: 2, height: Infinity, data: rgba(2, 2) }),
    'InvalidImage',
  ],
  [
    'string width',
    (d) => d.detectFaces({ width: '4', height: 4, data: rgba(4, 4) }),
    'InvalidImage',
  ],
  [
    'huge dimensions (2^20 x 2^20)',
    (d) => d.detectFaces({ width: 2 ** 20, height: 2 ** 20, data: rgba(1, 1) }),
    'ResourceLimit',
  ],
  [
    'an image over maxMemoryMB',
    (d) => d.detectFaces({ width: 4000, height: 3000, data: rgba(4000, 3000) }),
    'ResourceLimit',
    { build: 'simd', maxMemoryMB: 64 },
  ],
  // setOptions
  ['minFaceSize 0', (d) => d.setOptions({ minFaceSize: 0 }), 'InvalidOption'],
  ['minFaceSize 0.5', (d) => d.setOptions({ minFaceSize: 0.5 }), 'InvalidOption'],
  ['minFaceSize NaN', (d) => d.setOptions({ minFaceSize: NaN }), 'InvalidOption'],
  ['minFaceSize Infinity', (d) => d.setOptions({ minFaceSize: Infinity }), 'InvalidOption'],
  ['minFaceSize a string', (d) => d.setOptions({ minFaceSize: '20' }), 'InvalidOption'],
  ['two thresholds', (d) => d.setOptions({ thresholds: [0.6, 0.7] }), 'InvalidOption'],
  ['four thresholds', (d) => d.setOptions({ thresholds: [0.6, 0.7, 0.7, 0.7] }), 'InvalidOption'],
  ['a threshold above 1', (d) => d.setOptions({ thresholds: [0.6, 0.7, 1.5] }), 'InvalidOption'],
  ['a negative threshold', (d) => d.setOptions({ thresholds: [-0.1, 0.7, 0.7] }), 'InvalidOption'],
  ['a NaN threshold', (d) => d.setOptions({ thresholds: [0.6, NaN, 0.7] }), 'InvalidOption'],
  ['thresholds a string', (d) => d.setOptions({ thresholds: 'abc' }), 'InvalidOption'],
  ['scaleFactor 1', (d) => d.setOptions({ scaleFactor: 1 }), 'InvalidOption'],
  ['scaleFactor 0', (d) => d.setOptions({ scaleFactor: 0 }), 'InvalidOption'],
  ['scaleFactor -0.5', (d) => d.setOptions({ scaleFactor: -0.5 }), 'InvalidOption'],
  ['scaleFactor Infinity', (d) => d.setOptions({ scaleFactor: Infinity }), 'InvalidOption'],
  ['maxMemoryMB 0', (d) => d.setOptions({ maxMemoryMB: 0 }), 'InvalidOption'],
  ['maxMemoryMB negative', (d) => d.setOptions({ maxMemoryMB: -1 }), 'InvalidOption'],
  ['options not an object', (d) => d.setOptions(7), 'InvalidOption'],
  // createDetector: no detector is made, so none is left to check
  ['an unknown option', () => createDetector({ colour: 'red' }), 'InvalidOption'],
  ['options null', () => createDetector(null), 'InvalidOption'],
  ["build 'gpu'", () => createDetector({ build: 'gpu' }), 'InvalidOption'],
  ['threads 0', () => createDetector({ threads: 0 }), 'InvalidOption'],
  ['threads 1.5', () => createDetector({ threads: 1.5 }), 'InvalidOption'],
  [
    'threads 2 on the SIMD build',
    () => createDetector({ threads: 2, build: 'simd' }),
    'InvalidOption',
  ],
  ['minFaceSize -1 at creation', () => createDetector({ minFaceSize: -1 }), 'InvalidOption'],
  [
    'a wasmBase with no .wasm',
    () => createDetector({ build: 'plain', wasmBase: 'file:///nonexistent/' }),
    'InvalidOption',
  ],
  // weights
  [
    'weights of random bytes',
    () => createDetector({ build: 'plain', weights: new Uint8Array(100).fill(7) }),
    'InvalidWeights',
  ],
  [
    'empty weights',
    () => createDetector({ build: 'plain', weights: new Uint8Array(0) }),
    'InvalidWeights',
  ],
  [
    'truncated weights',
    () =>
      createDetector({ build: 'plain', weights: goodWeights.subarray(0, goodWeights.length - 10) }),
    'InvalidWeights',
  ],
  [
    'a header length past the file',
    () => {
      const w = Buffer.from(goodWeights.subarray(0, 1000));
      return createDetector({ build: 'plain', weights: w });
    },
    'InvalidWeights',
  ],
  [
    'a tensor of the wrong shape',
    () =>
      createDetector({
        build: 'plain',
        weights: editedWeights((h) => {
          h['pnet.conv1.bias'].shape = [5, 2];
        }),
      }),
    'InvalidWeights',
  ],
  [
    'a missing tensor',
    () =>
      createDetector({
        build: 'plain',
        weights: editedWeights((h) => {
          delete h['onet.fc5.weight'];
        }),
      }),
    'InvalidWeights',
  ],
  [
    'a huge tensor shape',
    () =>
      createDetector({
        build: 'plain',
        weights: editedWeights((h) => {
          h['pnet.conv1.bias'].shape = [16777216, 16777216, 16777216];
        }),
      }),
    'InvalidWeights',
  ],
  [
    'NaN in the weights',
    () => createDetector({ build: 'plain', weights: weightsWithNaN() }),
    'InvalidWeights',
  ],
  ['weights a number', () => createDetector({ build: 'plain', weights: 12 }), 'InvalidWeights'],
  [
    'weights from a missing file',
    () => createDetector({ build: 'plain', weights: '/nonexistent/w.safetensors' }),
    'InvalidWeights',
  ],
  // after dispose
  [
    'detectFaces after dispose',
    async () => {
      const d = await createDetector({ build: 'plain' });
      d.dispose();
      d.dispose(); // twice is fine
      return d.detectFaces({ width: 1, height: 1, data: rgba(1, 1) });
    },
    'DetectorDisposed',
  ],
  [
    'setOptions after dispose',
    async () => {
      const d = await createDetector({ build: 'plain' });
      d.dispose();
      return d.setOptions({ minFaceSize: 40 });
    },
    'DetectorDisposed',
  ],
  // the Worker detector
  [
    'a bad image to a Worker detector',
    (d) => d.detectFaces({ width: 3, height: 3, data: rgba(2, 2) }),
    'InvalidImage',
    { build: 'simd', worker: true },
  ],
  [
    'an uncloneable image to a Worker detector',
    (d) => d.detectFaces({ width: 1, height: 1, data: () => 0 }),
    'InvalidImage',
    { build: 'simd', worker: true },
  ],
  ['setOptions with another thread count', (d) => d.setOptions({ threads: 2 }), 'InvalidOption'],
  [
    'detectFaces on a disposed Worker detector',
    async () => {
      const d = await createDetector({ build: 'simd', worker: true });
      await d.dispose();
      return d.detectFaces({ width: 1, height: 1, data: rgba(1, 1) });
    },
    'DetectorDisposed',
  ],
];

describe('hostile input: the API', () => {
  let detector;
  let image;
  const expected = {}; // build -> the faces of `image`, from a detector that saw nothing bad
  before(async () => {
    detector = await createDetector({ build: 'simd' });
    image = await fixtureImage('skimage_astronaut.png');
    expected.simd = detector.detectFaces(image);
    assert.equal(expected.simd.length, 1);
  });
  after(() => detector.dispose());

  // The detector that got the bad input finds exactly the faces a fresh one does.
  async function assertStillDetects(d, build) {
    assert.deepEqual(
      await d.detectFaces(image),
      expected[build],
      'the detector still works, with the same faces',
    );
  }

  it('has a table of at least 25 cases', () =>
    assert.ok(apiCases.length >= 25, `${apiCases.length}`));

  for (const [name, act, expectedError, ownOptions] of apiCases) {
    it(`${name} -> ${expectedError}`, async () => {
      // A case with options of its own gets a detector of its own, and it is that detector
      // which must keep working.
      const d = ownOptions ? await createDetector(ownOptions) : detector;
      try {
        await assert.rejects(
          async () => act(d),
          (e) => {
            assert.equal(e.name, expectedError, `${e.name}: ${e.message}`);
            assert.ok(e.message.length > 10, 'the message says what was wrong');
            return true;
          },
        );
        if (ownOptions) {
          await assertStillDetects(d, ownOptions.build);
        } else {
          assert.deepEqual(detector.options.minFaceSize, 20, 'options unchanged');
          assert.equal(detector.threads, 1);
          await assertStillDetects(detector, 'simd');
        }
      } finally {
        if (ownOptions) await d.dispose();
      }
    });
  }

  it('accepts pixels in a SharedArrayBuffer, with the same faces', () => {
    const shared = new Uint8ClampedArray(new SharedArrayBuffer(image.data.length));
    shared.set(image.data);
    assert.deepEqual(
      detector.detectFaces({ width: image.width, height: image.height, data: shared }),
      detector.detectFaces(image),
    );
  });

  it('accepts a Uint8Array and an ImageData-like object with extra fields', () => {
    const faces = detector.detectFaces(image);
    assert.deepEqual(
      detector.detectFaces({
        width: image.width,
        height: image.height,
        data: new Uint8Array(image.data),
        colorSpace: 'srgb',
        extra: 1,
      }),
      faces,
    );
  });
});

// CRC-32 (PNG's), for a hand-made PNG header.
function crc32(bytes) {
  let c = ~0;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}
function pngChunk(type, data) {
  const body = Buffer.concat([Buffer.from(type), data]);
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), 8 + data.length);
  return out;
}
// A 100-byte PNG claiming 100000 x 100000 pixels (and holding none).
function pngBomb() {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(100000, 0);
  ihdr.writeUInt32BE(100000, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

// [name, arguments after 'detect', files to create (name -> bytes), accepted error names]
const cliCases = [
  ['a missing file', ['missing.png'], {}, ['InvalidImage']],
  ['an empty file', ['empty.png'], { 'empty.png': Buffer.alloc(0) }, ['InvalidImage']],
  [
    'a text file',
    ['notes.png'],
    { 'notes.png': Buffer.from('not an image at all\n') },
    ['InvalidImage'],
  ],
  [
    'a truncated PNG',
    ['cut.png'],
    {
      'cut.png': readFileSync(path.join(fixturesDir, 'images', 'skimage_astronaut.png')).subarray(
        0,
        5000,
      ),
    },
    ['InvalidImage'],
  ],
  [
    'a JPEG header then noise',
    ['noise.jpg'],
    {
      'noise.jpg': Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(4000, 0x5a)]),
    },
    ['InvalidImage'],
  ],
  // Refused from its header (ResourceLimit) or when its missing pixel data fails to decode.
  [
    'a PNG claiming 100000 x 100000 pixels',
    ['bomb.png'],
    { 'bomb.png': pngBomb() },
    ['ResourceLimit', 'InvalidImage'],
  ],
];

describe('hostile input: the CLIs', () => {
  const run = promisify(execFile);
  const dir = mkdtempSync(path.join(tmpdir(), 'mtcnn-hostile-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const good = path.join(fixturesDir, 'images', 'skimage_astronaut.png');
  const nativeCli = path.join(root, 'build', 'native', 'cli', 'mtcnn-cli');
  const clis = {
    'mtcnn-wasm': (args) =>
      run(process.execPath, [path.join(root, 'web', 'bin', 'mtcnn-wasm.js'), 'detect', ...args]),
    'mtcnn-cli (native)': (args) => run(nativeCli, ['detect', ...args]),
  };
  async function outcome(cli, args) {
    try {
      const { stdout, stderr } = await clis[cli](args);
      return { code: 0, stdout, stderr };
    } catch (e) {
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  }

  for (const cli of Object.keys(clis)) {
    for (const [name, args, files, accepted] of cliCases) {
      it(`${cli}: ${name} gives an error entry (${accepted.join(' or ')}), and the next file is still done`, async () => {
        for (const [file, bytes] of Object.entries(files))
          writeFileSync(path.join(dir, file), bytes);
        const { code, stdout, stderr } = await outcome(cli, [
          ...args.map((a) => path.join(dir, a)),
          good,
          '--json',
        ]);
        assert.equal(code, 1, stderr);
        const doc = JSON.parse(stdout);
        assert.ok(accepted.includes(doc[0].error?.name), JSON.stringify(doc[0]));
        assert.equal(doc[1].faces.length, 1);
      });
    }
    for (const args of [
      ['--threads', '0'],
      ['--max-memory-mb', '0'],
      ['--thresholds', '0.6,0.7'],
      ['--scale-factor', 'x'],
    ]) {
      it(`${cli}: ${args.join(' ')} is refused with status 2`, async () => {
        const { code, stderr } = await outcome(cli, [good, '--json', ...args]);
        assert.equal(code, 2, stderr);
        assert.match(stderr, /threads|max-memory-mb|thresholds|scale-factor|InvalidOption/);
      });
    }
    it(`${cli}: an image over --max-memory-mb is a ResourceLimit entry`, async () => {
      const { code, stdout } = await outcome(cli, [good, '--json', '--max-memory-mb', '2']);
      assert.equal(code, 1);
      assert.equal(JSON.parse(stdout)[0].error.name, 'ResourceLimit');
    });
  }
});
