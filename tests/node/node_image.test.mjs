// The CLI's image files without native code: a JPEG decodes to exactly the pixels the
// reference's cv2.imread gives (libjpeg-turbo in WebAssembly), a PNG to its own pixels, and
// --draw's boxes land where the faces are.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { PNG } from 'pngjs';
import { drawFacesToPng } from '../../web/src/node/draw_png.js';
import { readImageFile } from '../../web/src/node/image_file.js';
import { fixturesDir, hasCv2, python } from './fixtures.mjs';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mtcnn-image-'));
describe('image files in Node', () => {
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it(
    'a JPEG decodes to the pixels cv2.imread gives',
    { skip: !hasCv2 && 'no cv2 for /usr/bin/python3' },
    async () => {
      for (const [file, quality, progressive] of [
        ['skimage_astronaut.png', 90, 0],
        ['2007_007763.png', 75, 1],
      ]) {
        const src = path.join(fixturesDir, 'images', file);
        const jpg = path.join(tmp, `${file}.jpg`);
        const raw = path.join(tmp, `${file}.rgb`);
        // cv2 writes the JPEG (baseline or progressive) and decodes it as the reference
        // does.
        execFileSync(python, [
          '-c',
          `import cv2, sys
img = cv2.imread(sys.argv[1])
cv2.imwrite(sys.argv[2], img, [cv2.IMWRITE_JPEG_QUALITY, int(sys.argv[3]), cv2.IMWRITE_JPEG_PROGRESSIVE, int(sys.argv[4])])
cv2.cvtColor(cv2.imread(sys.argv[2]), cv2.COLOR_BGR2RGB).tofile(sys.argv[5])`,
          src,
          jpg,
          String(quality),
          String(progressive),
          raw,
        ]);
        const expected = fs.readFileSync(raw);
        const { width, height, data } = await readImageFile(jpg);
        assert.equal(expected.length, width * height * 3);
        let differing = 0;
        for (let i = 0; i < width * height; i++) {
          for (let c = 0; c < 3; c++) differing += data[4 * i + c] !== expected[3 * i + c];
        }
        assert.equal(
          differing,
          0,
          `${file} as JPEG q${quality}${progressive ? ', progressive' : ''}`,
        );
      }
    },
  );

  it('a PNG decodes to its own pixels, alpha opaque', async () => {
    const file = path.join(fixturesDir, 'images', 'ipazc_ivan.png');
    const png = PNG.sync.read(fs.readFileSync(file));
    const image = await readImageFile(file);
    assert.deepEqual([image.width, image.height], [png.width, png.height]);
    assert.ok(
      Buffer.from(image.data.buffer, image.data.byteOffset, image.data.length).equals(png.data),
    );
  });

  it('--draw puts the box colour on the box outline and leaves the rest', async () => {
    const image = await readImageFile(path.join(fixturesDir, 'images', 'skimage_astronaut.png'));
    const face = {
      box: [180, 60, 88, 114],
      confidence: 0.99,
      keypoints: {
        left_eye: [204, 101],
        right_eye: [246, 103],
        nose: [224, 129],
        mouth_left: [202, 140],
        mouth_right: [245, 142],
      },
    };
    const out = path.join(tmp, 'drawn.png');
    await drawFacesToPng(image, [face], out);
    const drawn = PNG.sync.read(fs.readFileSync(out));
    const rgb = (x, y) => [
      ...drawn.data.subarray(4 * (y * drawn.width + x), 4 * (y * drawn.width + x) + 3),
    ];
    assert.deepEqual(rgb(224, 60), [0x22, 0xc5, 0x5e], 'top edge');
    assert.deepEqual(rgb(180, 117), [0x22, 0xc5, 0x5e], 'left edge');
    const i = 4 * (300 * drawn.width + 400);
    assert.deepEqual(
      [...drawn.data.subarray(i, i + 4)],
      [...image.data.subarray(i, i + 4)],
      'away from the face',
    );
  });
});
