#!/usr/bin/env node
// mtcnn-wasm detect PATH... (see USAGE): the faces of image files and folders, on a pool of
// worker threads (--jobs), printed as text, one JSON document (--json, SPEC.md's
// [{"file", "width", "height", "faces"}], a failed file {"file", "error"}) or JSON Lines
// streamed as images complete (--jsonl), which --resume completes after an interruption.
// Exit status: 0, 1 when any image failed, 2 for bad arguments or options; a run stopped by
// SIGINT or SIGTERM exits with 130 or 143 and leaves whole lines only.
import { stat } from 'node:fs/promises';
import { parseCommandLine, UsageError, USAGE } from '../src/node/cli_args.js';
import { JsonlWriter } from '../src/node/jsonl_output.js';
import { ProgressBar } from '../src/node/progress.js';
import { detectFiles, MtcnnError } from '../src/node/index.js';

const SIGNAL_STATUS = { SIGINT: 130, SIGTERM: 143 };

function describe(record) {
  const lines = [
    `${record.file}: ${record.width}x${record.height}, ${record.faces.length} face(s)`,
  ];
  for (const face of record.faces) {
    const [x, y, w, h] = face.box.map((v) => v.toFixed(1));
    lines.push(`  face ${face.confidence.toFixed(4)} at x=${x} y=${y} w=${w} h=${h}`);
  }
  return `${lines.join('\n')}\n`;
}

// --draw OUT.png for a single file, else a folder of pictures.
async function drawTarget(draw, paths) {
  if (draw === undefined) return null;
  const single = paths.length === 1 && !(await stat(paths[0]).catch(() => null))?.isDirectory();
  return single ? () => draw : draw;
}

async function main() {
  let args;
  try {
    args = parseCommandLine(process.argv.slice(2));
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`mtcnn-wasm: ${e.message}\n${USAGE}\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const stop = new AbortController();
  let stoppedBy = null;
  for (const signal of Object.keys(SIGNAL_STATUS)) {
    process.once(signal, () => {
      stoppedBy = signal;
      stop.abort(new Error(`stopped by ${signal}`));
    });
  }
  // A reader that goes away (`| head`) ends the run quietly, as for any Unix filter.
  let readerGone = false;
  process.stdout.on('error', (e) => {
    if (e.code !== 'EPIPE') throw e;
    readerGone = true;
    stop.abort(e);
  });
  let writer = null;
  let progress = null;
  const document = [];
  let failed = 0;
  try {
    if (args.output === 'jsonl' && args.jsonl !== '-') {
      writer = await JsonlWriter.open(args.jsonl, { resume: args.resume });
    }
    const emit =
      args.output === 'jsonl'
        ? (record) =>
            writer ? writer.write(record) : process.stdout.write(`${JSON.stringify(record)}\n`)
        : args.output === 'json'
          ? (record) => document.push(record)
          : (record) => record.faces && progress.print(process.stdout, describe(record));
    const records = detectFiles(args.paths, {
      ...args.detectorOptions,
      jobs: args.jobs,
      shard: args.shard,
      skip: writer?.done,
      ordered: args.output !== 'jsonl',
      drawTo: await drawTarget(args.draw, args.paths),
      cropsTo: args.crops,
      align: args.align,
      signal: stop.signal,
      onStart: ({ total }) => {
        progress = new ProgressBar(process.stderr, total);
      },
    });
    for await (const record of records) {
      emit(record);
      if (record.error) {
        failed++;
        const { name, message } = record.error;
        progress.print(process.stderr, `mtcnn-wasm: ${record.file}: ${name}: ${message}\n`);
      }
      progress.tick();
    }
    progress?.finish();
    if (args.output === 'json') process.stdout.write(`${JSON.stringify(document)}\n`);
    return failed > 0 ? 1 : 0;
  } catch (e) {
    progress?.finish();
    if (readerGone) return 0;
    if (stoppedBy) {
      const done = progress ? `${progress.done} of ${progress.total} images done` : 'stopped';
      const hint = writer ? `; rerun with --resume to finish ${args.jsonl}` : '';
      process.stderr.write(`mtcnn-wasm: stopped by ${stoppedBy}, ${done}${hint}\n`);
      return SIGNAL_STATUS[stoppedBy];
    }
    process.stderr.write(`mtcnn-wasm: ${e.name}: ${e.message}\n`);
    return e instanceof MtcnnError ? 2 : 1;
  } finally {
    writer?.close();
  }
}

process.exitCode = await main();
