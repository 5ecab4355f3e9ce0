// alignFaces: crops against OpenCV (tests/oracles/align_opencv.py recomputes each with its own
// Umeyama fit and cv2.warpAffine; the bar is a mean difference of 1 gray level, held
// here at 0.05 since the arithmetic is OpenCV's: 1 would let a half-pixel shift of a large
// face by) on the fixture photos and on rotated, border-cut and tiny
// variants of one, for each template; the API's shapes, options and errors.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { createDetector, InvalidImage, InvalidOption, ResourceLimit } from '../../web/src/index.js';
import { fixtureImage, hasCv2, python, fixturesDir, root } from './fixtures.mjs';

const run = promisify(execFile);
const oracle = path.join(root, 'tests', 'oracles', 'align_opencv.py');
const cli = path.join(root, 'web', 'bin', 'mtcnn-wasm.js');
// Each template as the CLI and the oracle spell it.
const TEMPLATES = [
  { name: 'arcface', cli: [], oracle: [] },
  {
    name: 'facenet, margin 20',
    cli: ['--crop-template', 'facenet', '--crop-margin', '20'],
    oracle: ['--template', 'facenet', '--margin', '20'],
  },
  {
    name: 'custom points at 96 px, margin 8',
    cli: [
      '--crop-template',
      '30,40,66,40,48,58,34,74,62,74',
      '--crop-size',
      '96',
      '--crop-margin',
      '8',
    ],
    oracle: [
      '--template',
      '[[30,40],[66,40],[48,58],[34,74],[62,74]]',
      '--size',
      '96',
      '--margin',
      '8',
    ],
  },
];

describe('alignFaces against OpenCV', { skip: !hasCv2 && 'no cv2 for /usr/bin/python3' }, () => {
  let dir;
  const images = ['2007_007763.png', 'ipazc_ivan.png', 'skimage_astronaut.png'].map((f) =>
    path.join(fixturesDir, 'images', f),
  );
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mtcnn-align-'));
    // The hard cases, made from the astronaut around the face our detector finds there.
    const astronaut = images[2];
    const { stdout } = await run(process.execPath, [cli, 'detect', astronaut, '--json']);
    const box = JSON.parse(stdout)[0].faces[0].box;
    await run(python, [
      oracle,
      'variants',
      '--image',
      astronaut,
      '--out',
      dir,
      '--face-box',
      box.join(','),
      '--no-check',
    ]);
    images.push(...['rotated', 'border', 'tiny'].map((v) => path.join(dir, `${v}.png`)));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  for (const template of TEMPLATES) {
    it(`matches cv2.warpAffine within 1 gray level per crop: ${template.name}`, async () => {
      const crops = path.join(dir, template.name.replace(/\W+/g, '_'));
      let faces = 0;
      let worst = 0;
      const { stdout } = await run(process.execPath, [
        cli,
        'detect',
        ...images,
        '--json',
        '--jobs',
        '1',
        '--crops',
        crops,
        ...template.cli,
      ]);
      const records = JSON.parse(stdout);
      for (const [i, image] of images.entries()) {
        const dets = path.join(crops, `${path.parse(image).name}.json`);
        fs.writeFileSync(dets, JSON.stringify([records[i]]));
        assert.ok(records[i].faces.length >= 1, `no face in ${image}`);
        faces += records[i].faces.length;
        const { stdout: report } = await run(python, [
          oracle,
          'compare',
          '--image',
          image,
          '--faces',
          dets,
          '--crops',
          crops,
          '--max-mean-diff',
          '0.05',
          ...template.oracle,
        ]).catch((e) => e);
        const summary = JSON.parse(report);
        assert.ok(summary.ok, `${image}: ${report}`);
        for (const c of summary.crops) worst = Math.max(worst, c.mean_diff);
      }
      assert.ok(faces >= 13, `${faces} faces`);
      assert.ok(worst <= 0.05, `worst mean difference ${worst}`);
    });
  }
});

describe('alignFaces', () => {
  let detector, image, faces;
  before(async () => {
    detector = await createDetector({ build: 'simd' });
    image = await fixtureImage('2007_007763.png');
    faces = detector.detectFaces(image);
  });
  after(() => detector.dispose());

  it('gives one RGBA crop per face, of the template size, opaque', () => {
    const crops = detector.alignFaces(image, faces);
    assert.equal(crops.length, faces.length);
    for (const c of crops) {
      assert.equal(c.width, 112);
      assert.equal(c.height, 112);
      assert.ok(c.data instanceof Uint8ClampedArray);
      assert.equal(c.data.length, 112 * 112 * 4);
      for (let i = 3; i < c.data.length; i += 4) assert.equal(c.data[i], 255);
    }
    assert.equal(detector.alignFaces(image, faces, { template: 'facenet' })[0].width, 160);
    assert.equal(detector.alignFaces(image, faces.slice(0, 1), { size: 64 })[0].height, 64);
    assert.deepEqual(detector.alignFaces(image, []), []);
  });

  it('puts the eyes where the template says', () => {
    // A crop of a crop: aligning the aligned face again onto the same template moves nothing,
    // so the second crop's eyes sit where the first put them.
    const [crop] = detector.alignFaces(image, faces.slice(0, 1), { size: 224 });
    const again = detector.detectFaces(crop);
    assert.equal(again.length, 1);
    const eye = again[0].keypoints.left_eye;
    assert.ok(Math.hypot(eye[0] - 38.2946 * 2, eye[1] - 51.6963 * 2) < 6, `${eye}`);
  });

  it('accepts the faces of video mode and runs in a Worker alike', async () => {
    const video = detector.detectForVideo(image, 0);
    detector.resetVideo();
    const worker = await createDetector({ build: 'simd', worker: true });
    try {
      const local = detector.alignFaces(image, video);
      const remote = await worker.alignFaces(image, video);
      assert.equal(remote.length, local.length);
      remote.forEach((c, i) => assert.deepEqual(c.data, local[i].data));
    } finally {
      await worker.dispose();
    }
  });

  it('names bad faces, options and images, and the detector carries on', () => {
    const bad = [
      [image, faces, { template: 'square' }],
      [image, faces, { size: 0 }],
      [image, faces, { size: 5000 }],
      [image, faces, { size: 100, margin: 100 }],
      [image, faces, { template: [[1, 2]] }],
      [image, faces, { colour: 'red' }],
      [image, 'faces'],
      [image, [{ box: [1, 2, 3, 4] }]],
      [image, [{ keypoints: { ...faces[0].keypoints, nose: [1] } }]],
      [image, [{ box: [1, 2, 0, 4] }], { template: 'facenet' }],
    ];
    for (const args of bad) {
      assert.throws(() => detector.alignFaces(...args), InvalidOption, JSON.stringify(args[2]));
    }
    assert.throws(
      () => detector.alignFaces({ width: 2, height: 2, data: new Uint8Array(3) }, faces),
      InvalidImage,
    );
    // Crops of more pixels than an image may have: refused for the count, before any is made.
    assert.throws(
      () => detector.alignFaces(image, new Array(1e6).fill(faces[0]), { size: 4096 }),
      ResourceLimit,
    );
    assert.equal(detector.detectFaces(image).length, faces.length);
  });
});
