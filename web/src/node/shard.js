// --shard i/n: a deterministic 1/n of a batch's images, chosen by a hash of each path, so
// that n machines (GNU parallel, Kubernetes indexed Jobs, Slurm arrays) given the same
// paths cover every image exactly once without talking to each other. The hash of the path
// rather than its position keeps an image in its shard when others are added or removed.
import { createHash } from 'node:crypto';
import { InvalidOption } from '../errors.js';

/** Parses "i/n" (0 <= i < n, as Kubernetes' JOB_COMPLETION_INDEX counts) to {index, count}. */
export function parseShard(text) {
  const m = /^(\d+)\/(\d+)$/.exec(String(text).trim());
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!(count >= 1 && index < count && Number.isSafeInteger(count))) {
    throw new InvalidOption(`shard must be "i/n" with 0 <= i < n, got ${JSON.stringify(text)}`);
  }
  return { index, count };
}

/** The shard (0 ... count - 1) that `file` belongs to. */
export function shardOf(file, count) {
  return createHash('sha256').update(file).digest().readUInt32BE(0) % count;
}
