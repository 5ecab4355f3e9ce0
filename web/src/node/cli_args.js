// The command line of `mtcnn-wasm detect`, parsed into detectFiles' options. Bad
// arguments throw UsageError, which the CLI turns into exit status 2.
import os from 'node:os';
import { parseArgs } from 'node:util';

export const USAGE = `usage: mtcnn-wasm detect PATH... [--json | --jsonl OUT|-] [--draw OUT.png|DIR] [--jobs N]
                  [--resume] [--shard i/n] [--min-face-size N] [--thresholds a,b,c]
                  [--scale-factor f] [--threads N] [--build auto|threads|simd|plain]
                  [--weights FILE.safetensors] [--max-memory-mb N]
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

/** {help} or {paths, output, jsonl, draw, resume, detectorOptions, jobs, shard}. */
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
  };
  if (values.thresholds !== undefined) {
    const t = values.thresholds.split(',').map((s) => number('--thresholds', s));
    if (t.length !== 3) throw new UsageError('--thresholds expects three comma-separated numbers');
    detectorOptions.thresholds = t;
  }
  for (const k of Object.keys(detectorOptions)) {
    if (detectorOptions[k] === undefined) delete detectorOptions[k];
  }
  return {
    paths,
    output: values.json ? 'json' : values.jsonl !== undefined ? 'jsonl' : 'text',
    jsonl: values.jsonl,
    draw: values.draw,
    resume: values.resume,
    jobs,
    shard: values.shard,
    detectorOptions,
  };
}
