// The command line of `mtcnn-wasm detect`, parsed into detectFiles' options. Bad
// arguments throw UsageError, which the CLI turns into exit status 2.
import os from 'node:os';
import { parseArgs } from 'node:util';

export const USAGE = `usage: mtcnn-wasm detect PATH... [--json | --jsonl OUT|-] [--draw OUT.png|DIR] [--jobs N]
                  [--resume] [--shard i/n] [--min-face-size N] [--thresholds a,b,c]
                  [--scale-factor f] [--threads N] [--build auto|threads|simd|plain]
                  [--weights FILE.safetensors] [--max-memory-mb N]
                  [--refine-landmarks] [--lnet-weights FILE.safetensors]
                  [--crops DIR] [--crop-size N] [--crop-margin M]
                  [--crop-template arcface|facenet|x1,y1,...,x5,y5]
PATH: image files (PNG, JPEG) and folders, walked recursively in name order.`;

export class UsageError extends Error {}

function number(flag, text) {
  if (text === undefined) return undefined;
  const v = Number(text);
  if (text.trim() === '' || Number.isNaN(v)) {
    throw new UsageError(`${flag} expects a number, got '${text}'`);
  }
  return v;
}

// arcface, facenet, or five points as ten comma-separated numbers.
function cropTemplate(text) {
  if (text === undefined || text === 'arcface' || text === 'facenet') return text;
  const v = text.split(',').map((s) => number('--crop-template', s));
  if (v.length !== 10) {
    throw new UsageError('--crop-template expects arcface, facenet or ten comma-separated numbers');
  }
  return [0, 2, 4, 6, 8].map((i) => [v[i], v[i + 1]]);
}

/**
 * {help} or {paths, output, jsonl, draw, crops, align, resume, detectorOptions, jobs,
 * shard}.
 */
export function parseCommandLine(argv) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        jsonl: { type: 'string' },
        draw: { type: 'string' },
        jobs: { type: 'string' },
        resume: { type: 'boolean', default: false },
        shard: { type: 'string' },
        'min-face-size': { type: 'string' },
        thresholds: { type: 'string' },
        'scale-factor': { type: 'string' },
        threads: { type: 'string' },
        build: { type: 'string' },
        weights: { type: 'string' },
        'max-memory-mb': { type: 'string' },
        'refine-landmarks': { type: 'boolean', default: false },
        'lnet-weights': { type: 'string' },
        crops: { type: 'string' },
        'crop-size': { type: 'string' },
        'crop-margin': { type: 'string' },
        'crop-template': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    throw new UsageError(e.message);
  }
  const { values, positionals } = parsed;
  if (values.help) return { help: true };
  if (positionals[0] !== 'detect') throw new UsageError("expected the 'detect' command");
  const paths = positionals.slice(1);
  if (paths.length === 0) throw new UsageError('no image files or folders given');
  if (values.json && values.jsonl !== undefined) {
    throw new UsageError('--json and --jsonl: choose one');
  }
  if (values.resume && (values.jsonl === undefined || values.jsonl === '-')) {
    throw new UsageError('--resume needs --jsonl OUT, the file of the run to complete');
  }
  const jobs =
    values.jobs === undefined ? os.availableParallelism() : number('--jobs', values.jobs);
  if (!Number.isInteger(jobs) || jobs < 1) {
    throw new UsageError(`--jobs expects a whole number >= 1, got '${values.jobs}'`);
  }
  const detectorOptions = {
    minFaceSize: number('--min-face-size', values['min-face-size']),
    scaleFactor: number('--scale-factor', values['scale-factor']),
    threads: number('--threads', values.threads),
    build: values.build,
    weights: values.weights,
    maxMemoryMB: number('--max-memory-mb', values['max-memory-mb']),
    refineLandmarks: values['refine-landmarks'] || undefined,
    landmarkWeights: values['lnet-weights'],
  };
  const align = {
    size: number('--crop-size', values['crop-size']),
    margin: number('--crop-margin', values['crop-margin']),
    template: cropTemplate(values['crop-template']),
  };
  if (values.thresholds !== undefined) {
    const t = values.thresholds.split(',').map((s) => number('--thresholds', s));
    if (t.length !== 3) throw new UsageError('--thresholds expects three comma-separated numbers');
    detectorOptions.thresholds = t;
  }
  for (const options of [detectorOptions, align]) {
    for (const k of Object.keys(options)) {
      if (options[k] === undefined) delete options[k];
    }
  }
  return {
    paths,
    output: values.json ? 'json' : values.jsonl !== undefined ? 'jsonl' : 'text',
    jsonl: values.jsonl,
    draw: values.draw,
    crops: values.crops,
    align,
    resume: values.resume,
    jobs,
    shard: values.shard,
    detectorOptions,
  };
}
