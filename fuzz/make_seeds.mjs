// Writes the seed inputs of the fuzz corpora (fuzz/corpus/*/seed-*): images with a face
// (downscaled from a committed fixture) in fuzz_detect's input layout, and small
// safetensors files for fuzz_weights. libFuzzer grows the corpus from these.
//   node fuzz/make_seeds.mjs
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fixtureImage, scaledImage } from '../tests/node/fixtures.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');

// fuzz_detect.cpp's header: width-1, height-1, rgba, padding, minFaceSize (11 + b % 54),
// three thresholds (b / 239), scaleFactor (0.3 + 0.6 b / 255), limit flag.
function detectInput(image, rgba, minFaceSize) {
  const header = [
    image.width - 1,
    image.height - 1,
    rgba ? 1 : 0,
    0,
    minFaceSize - 11,
    143,
    167,
    167,
    174,
    0,
  ];
  const pixels = [];
  for (let i = 0; i < image.data.length; i += 4) {
    pixels.push(image.data[i], image.data[i + 1], image.data[i + 2]);
    if (rgba) pixels.push(255);
  }
  return Buffer.from([...header, ...pixels]);
}

function safetensors(tensors, extraHeader = {}) {
  const header = { ...extraHeader };
  const chunks = [];
  let offset = 0;
  for (const [name, shape, values] of tensors) {
    const data = Buffer.alloc(values.length * 4);
    values.forEach((v, i) => data.writeFloatLE(v, i * 4));
    header[name] = { dtype: 'F32', shape, data_offsets: [offset, offset + data.length] };
    chunks.push(data);
    offset += data.length;
  }
  const json = Buffer.from(JSON.stringify(header));
  const length = Buffer.alloc(8);
  length.writeBigUInt64LE(BigInt(json.length));
  return Buffer.concat([length, json, ...chunks]);
}

const write = (dir, name, bytes) => fs.writeFileSync(path.join(here, 'corpus', dir, name), bytes);
const face = await fixtureImage('skimage_astronaut.png');
const family = await fixtureImage('2007_007763.png');
write('detect', 'seed-face-64-rgb', detectInput(await scaledImage(face, 64, 64), false, 12));
write('detect', 'seed-face-48-rgba', detectInput(await scaledImage(face, 48, 48), true, 20));
write('detect', 'seed-family-64x40-rgb', detectInput(await scaledImage(family, 64, 40), false, 12));

const real = fs.readFileSync(path.join(root, 'weights', 'mtcnn.safetensors'));
const headerLength = Number(real.readBigUInt64LE(0));
write('weights', 'seed-real-header-only', real.subarray(0, 8 + headerLength));
write(
  'weights',
  'seed-one-tensor',
  safetensors([['pnet.conv1.bias', [10], [...Array(10).keys()]]], { __metadata__: { a: 'b' } }),
);
write(
  'weights',
  'seed-two-tensors',
  safetensors([
    ['rnet.fc4.bias', [2, 2], [1, 2, 3, 4]],
    ['x', [1], [0.5]],
  ]),
);
console.log('seeds written');
