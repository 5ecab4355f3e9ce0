// detectFiles: the faces of many image files on a pool of worker_threads, as an async
// iterable of records ({file, width, height, faces} or {file, error}), each yielded when
// it is done. Only the list of paths is held: records are not kept, and at most the
// pool's capacity of files is in flight.
import os from 'node:os';
import path from 'node:path';
import { checkOptions } from '../detector.js';
import { InvalidOption } from '../errors.js';
import { DetectionPool } from './detection_pool.js';
import { parseShard, shardOf } from './shard.js';
import { listImageEntries } from './walk.js';

const BATCH_KEYS = [
  'jobs',
  'signal',
  'shard',
  'skip',
  'ordered',
  'drawTo',
  'cropsTo',
  'align',
  'onStart',
];

function batchOptions(options) {
  if (options === null || typeof options !== 'object') {
    throw new InvalidOption('options must be an object');
  }
  const { jobs = os.availableParallelism(), signal, shard, skip, ordered = false } = options;
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > 256) {
    throw new InvalidOption(`jobs must be an integer in [1, 256], got ${jobs}`);
  }
  const detectorOptions = Object.fromEntries(
    Object.entries(options).filter(([k]) => !BATCH_KEYS.includes(k)),
  );
  if (detectorOptions.worker) throw new InvalidOption('worker: each job is a Worker already');
  checkOptions(detectorOptions);
  return {
    jobs,
    signal,
    ordered,
    shard: shard === undefined ? null : parseShard(shard),
    skip: skip ?? new Set(),
    drawTo: options.drawTo ?? null,
    cropsTo: options.cropsTo ?? null,
    align: options.align ?? {},
    onStart: options.onStart ?? (() => {}),
    detectorOptions,
  };
}

// Where `drawTo` puts an entry's picture: DIR/<its path below the folder it was found in,
// or its name>.png, or what a drawTo function says.
function drawPathFor(drawTo, { file, rel }) {
  if (!drawTo) return undefined;
  if (typeof drawTo === 'function') return drawTo(file);
  const { dir, name } = path.parse(rel);
  return path.join(drawTo, dir, `${name}.png`);
}

// Where `cropsTo` puts an entry's crops: DIR/<its path below the folder it was found in, or
// its name>_<face>.png (this gives the part before _<face>.png).
function cropsPrefixFor(cropsTo, { rel }) {
  if (!cropsTo) return undefined;
  const { dir, name } = path.parse(rel);
  return path.join(cropsTo, dir, name);
}

/**
 * detectFiles(paths, options) -> AsyncIterable<record>. `paths`: files and folders (walked
 * recursively for PNG and JPEG). Options: the detector's (minFaceSize, thresholds, threads
 * per job, build, weights, ...) and
 *   jobs      workers, one detector each (default: the machine's cores);
 *   signal    an AbortSignal: stops at once, the iteration throws its reason;
 *   shard     "i/n": only the files whose path hash falls in shard i of n;
 *   skip      a Set of files not to do (those a previous run recorded);
 *   ordered   yield in the files' order rather than as they complete;
 *   drawTo    a folder (or file => path function) to write each image with its faces to;
 *   cropsTo   a folder to write each face's aligned crop to, as <image name>_<i>.png;
 *   align     the crops' options (alignFaces: size, template, margin);
 *   onStart   called with {total, detector} before the first file is sent.
 */
export async function* detectFiles(paths, options = {}) {
  const opts = batchOptions(options);
  if (!Array.isArray(paths) && typeof paths !== 'string') {
    throw new InvalidOption('paths must be a path or an array of paths');
  }
  opts.signal?.throwIfAborted();
  const entries = (await listImageEntries([paths].flat())).filter(
    ({ file }) =>
      !opts.skip.has(file) && (!opts.shard || shardOf(file, opts.shard.count) === opts.shard.index),
  );
  const pool = await DetectionPool.create(
    Math.min(opts.jobs, Math.max(entries.length, 1)),
    opts.detectorOptions,
    opts.cropsTo ? opts.align : null,
  );
  // Aborting fails the files in flight, which ends the loop below with the signal's reason.
  const abort = () => pool.abort(opts.signal.reason);
  opts.signal?.addEventListener('abort', abort, { once: true });
  try {
    opts.signal?.throwIfAborted();
    opts.onStart({ total: entries.length, detector: pool.detector });
    // Files are sent in order; `inFlight` maps each file's index to its record's promise.
    const inFlight = new Map();
    let next = 0;
    const send = () => {
      while (next < entries.length && inFlight.size < pool.capacity) {
        const i = next++;
        const { file } = entries[i];
        const record = pool.run(
          file,
          drawPathFor(opts.drawTo, entries[i]),
          cropsPrefixFor(opts.cropsTo, entries[i]),
        );
        const done = record.then((r) => ({ i, record: r }));
        // Handled now, awaited later: a failure while a record is out with the caller
        // must not count as an unhandled rejection.
        done.catch(() => {});
        inFlight.set(i, done);
      }
    };
    send();
    let nextToYield = 0;
    while (inFlight.size > 0) {
      const { i, record } = await (opts.ordered
        ? inFlight.get(nextToYield)
        : Promise.race(inFlight.values()));
      inFlight.delete(i);
      nextToYield = i + 1;
      send();
      yield record;
    }
    await pool.close();
  } finally {
    opts.signal?.removeEventListener('abort', abort);
    await pool.terminate();
  }
}
