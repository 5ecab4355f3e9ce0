// A JSON Lines file of batch records, written one whole line per record so that a run
// stopped at any point leaves a file another run can resume: the records it holds are the
// images done.
import { closeSync, fstatSync, ftruncateSync, openSync, readSync, writeSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { InvalidOption } from '../errors.js';

// Where the last complete line ends (a process killed outright can leave half a line).
function completeLength(fd) {
  const chunk = Buffer.alloc(64 * 1024);
  for (let end = fstatSync(fd).size; end > 0;) {
    const start = Math.max(0, end - chunk.length);
    const n = readSync(fd, chunk, 0, end - start, start);
    const nl = chunk.subarray(0, n).lastIndexOf(0x0a);
    if (nl >= 0) return start + nl + 1;
    end = start;
  }
  return 0;
}

// The `file` of every record in `out`, which holds whole lines only.
async function recordedFiles(out) {
  const done = new Set();
  const handle = await open(out, 'r');
  try {
    let lineNumber = 0;
    for await (const line of handle.readLines()) {
      lineNumber++;
      if (line.trim() === '') continue;
      let record;
      try {
        record = JSON.parse(line);
      } catch {
        record = null;
      }
      if (typeof record?.file !== 'string') {
        throw new InvalidOption(`${out}:${lineNumber} is not a batch record`);
      }
      done.add(record.file);
    }
  } finally {
    await handle.close();
  }
  return done;
}

/** Writes records to a JSON Lines file, one line each. */
export class JsonlWriter {
  /**
   * Opens `out` for a new run (emptied), or with `resume` for one that completes it: a line
   * cut short by a killed process is dropped, and `done` holds the files already recorded.
   */
  static async open(out, { resume = false } = {}) {
    let fd;
    try {
      fd = openSync(out, resume ? 'a+' : 'w');
    } catch (e) {
      throw new InvalidOption(`cannot open ${out}: ${e.message}`);
    }
    try {
      if (!resume) return new JsonlWriter(fd, new Set());
      ftruncateSync(fd, completeLength(fd));
      return new JsonlWriter(fd, await recordedFiles(out));
    } catch (e) {
      closeSync(fd);
      throw e;
    }
  }

  constructor(fd, done) {
    this.fd = fd;
    this.done = done;
  }

  write(record) {
    // One write call per line: a signal between records never splits one.
    writeSync(this.fd, `${JSON.stringify(record)}\n`);
  }

  close() {
    closeSync(this.fd);
  }
}
