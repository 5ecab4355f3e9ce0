#!/usr/bin/env node
// mtcnn-wasm detect FILE... [--json] [--draw OUT] [--min-face-size N] [--thresholds a,b,c]
//                  [--scale-factor f] [--threads N] [--build auto|threads|simd|plain]
//                  [--weights FILE.safetensors] [--max-memory-mb N]
// One detector serves every file. With --json prints SPEC.md's document:
// [{"file", "width", "height", "faces": [...]}]; a file that fails gets {"file", "error"}
// and the exit status is 1. --draw writes the image with boxes, landmarks and scores as
// PNG: to OUT for one input file, into the folder OUT (as <name>.png) for several.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createDetector, MtcnnError } from '../src/index.js';
import { drawFacesToPng } from '../src/node_draw.js';
import { readImageFile } from '../src/node_image.js';

const USAGE = `usage: mtcnn-wasm detect FILE... [--json] [--draw OUT.png|DIR] [--min-face-size N] [--thresholds a,b,c]
                  [--scale-factor f] [--threads N] [--build auto|threads|simd|plain]
                  [--weights FILE.safetensors] [--max-memory-mb N]`;

function fail(message) {
  process.stderr.write(`mtcnn-wasm: ${message}\n${USAGE}\n`);
  process.exit(2);
}

function number(flag, text) {
  if (text === undefined) return undefined;
  const v = Number(text);
  if (text.trim() === '' || Number.isNaN(v)) fail(`${flag} expects a number, got '${text}'`);
  return v;
}

function parse(argv) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        draw: { type: 'string' },
        'min-face-size': { type: 'string' },
        thresholds: { type: 'string' },
        'scale-factor': { type: 'string' },
        threads: { type: 'string' },
        build: { type: 'string' },
        weights: { type: 'string' },
        'max-memory-mb': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    fail(e.message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  if (positionals[0] !== 'detect') fail("expected the 'detect' command");
  const files = positionals.slice(1);
  if (files.length === 0) fail('no image files given');
  const options = {
    minFaceSize: number('--min-face-size', values['min-face-size']),
    scaleFactor: number('--scale-factor', values['scale-factor']),
    threads: number('--threads', values.threads),
    build: values.build,
    weights: values.weights,
    maxMemoryMB: number('--max-memory-mb', values['max-memory-mb']),
  };
  if (values.thresholds !== undefined) {
    const t = values.thresholds.split(',').map((s) => number('--thresholds', s));
    if (t.length !== 3) fail('--thresholds expects three comma-separated numbers');
    options.thresholds = t;
  }
  for (const k of Object.keys(options)) if (options[k] === undefined) delete options[k];
  return { files, options, json: values.json, draw: values.draw };
}

function describe(face) {
  const [x, y, w, h] = face.box.map((v) => v.toFixed(1));
  return `  face ${face.confidence.toFixed(4)} at x=${x} y=${y} w=${w} h=${h}`;
}

async function main() {
  const { files, options, json, draw } = parse(process.argv.slice(2));
  const drawPath = (file) =>
    files.length === 1 ? draw : path.join(draw, `${path.parse(file).name}.png`);
  if (draw && files.length > 1) mkdirSync(draw, { recursive: true });
  let detector;
  try {
    detector = await createDetector(options);
  } catch (e) {
    process.stderr.write(`mtcnn-wasm: ${e.name}: ${e.message}\n`);
    process.exit(e instanceof MtcnnError ? 2 : 1);
  }
  const results = [];
  let failed = false;
  try {
    for (const file of files) {
      try {
        const image = await readImageFile(file);
        const faces = detector.detectFaces(image);
        results.push({ file, width: image.width, height: image.height, faces });
        if (draw) await drawFacesToPng(image, faces, drawPath(file));
        if (!json)
          process.stdout.write(
            `${file}: ${image.width}x${image.height}, ${faces.length} face(s)\n${faces.map(describe).join('\n')}${faces.length ? '\n' : ''}`,
          );
      } catch (e) {
        failed = true;
        results.push({ file, error: { name: e.name, message: e.message } });
        process.stderr.write(`mtcnn-wasm: ${file}: ${e.name}: ${e.message}\n`);
      }
    }
  } finally {
    detector.dispose();
  }
  if (json) process.stdout.write(`${JSON.stringify(results)}\n`);
  process.exitCode = failed ? 1 : 0;
}

main();
