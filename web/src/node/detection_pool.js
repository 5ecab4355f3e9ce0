// A pool of worker_threads (batch_worker.js), each with its own detector, that turns files
// into records. Each worker holds at most two files at a time (one being worked on, one
// waiting), so the work in flight, and the memory it takes, stays bounded whatever the
// batch's size.
import { Worker } from 'node:worker_threads';
import { nodeWorkerExecArgv } from '../env.js';
import { errorFromMessage } from '../errors.js';

const WORKER_URL = new URL('./batch_worker.js', import.meta.url);
const PER_WORKER = 2;

export class DetectionPool {
  /**
   * Starts `jobs` workers with detector `options` (and alignFaces options `align` when the
   * batch writes crops, checked as each worker starts); resolves once all have a detector.
   */
  static async create(jobs, options, align = null) {
    const pool = new DetectionPool();
    try {
      await Promise.all(Array.from({ length: jobs }, () => pool.#startWorker(options, align)));
    } catch (e) {
      await pool.terminate();
      throw e;
    }
    return pool;
  }

  #workers = [];
  #pending = new Map(); // id -> {resolve, reject, slot}
  #nextId = 0;
  #failure = null;
  #closing = false;

  /** What the workers' detectors run with: {build, threads, fallback}. */
  get detector() {
    return this.#workers[0]?.info;
  }

  get capacity() {
    return this.#workers.length * PER_WORKER;
  }

  #startWorker(options, align) {
    return new Promise((resolve, reject) => {
      const worker = new Worker(WORKER_URL, {
        workerData: { options, align },
        execArgv: nodeWorkerExecArgv(),
      });
      const slot = { worker, busy: 0, info: null };
      this.#workers.push(slot);
      worker.on('message', (msg) => {
        if (msg.ready) {
          slot.info = msg.ready;
          resolve();
        } else if (msg.failed) {
          reject(errorFromMessage(msg.failed));
        } else {
          const task = this.#pending.get(msg.id);
          this.#pending.delete(msg.id);
          slot.busy--;
          task.resolve(msg.record);
        }
      });
      // A worker that dies (out of memory, a bug) fails what it held and the batch.
      const died = (e) => {
        this.#failure ??= e;
        reject(e);
        for (const [id, task] of this.#pending) {
          if (task.slot !== slot) continue;
          this.#pending.delete(id);
          task.reject(e);
        }
      };
      worker.on('error', died);
      worker.on('exit', (code) => {
        if (code !== 0 && !this.#closing) died(new Error(`a batch worker exited with ${code}`));
      });
    });
  }

  /**
   * The record of `file` (drawn to `drawPath` if given, its faces' aligned crops written to
   * `cropsPrefix`_<i>.png if given), from the least busy worker.
   */
  run(file, drawPath, cropsPrefix) {
    if (this.#failure) return Promise.reject(this.#failure);
    const slot = this.#workers.reduce((a, b) => (b.busy < a.busy ? b : a));
    slot.busy++;
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject, slot });
      slot.worker.postMessage({ id, file, drawPath, cropsPrefix });
    });
  }

  /** Lets the workers finish and dispose of their detectors. */
  async close() {
    this.#closing = true;
    await Promise.all(
      this.#workers.map(
        ({ worker }) =>
          new Promise((resolve) => {
            worker.once('exit', resolve);
            worker.postMessage({});
          }),
      ),
    );
    this.#workers = [];
  }

  /** Stops the workers at once: what they held fails with `reason`. */
  async abort(reason) {
    this.#failure ??= reason;
    for (const task of this.#pending.values()) task.reject(reason);
    this.#pending.clear();
    await this.terminate();
  }

  /** Stops the workers at once; what they held is dropped. */
  async terminate() {
    this.#closing = true;
    const workers = this.#workers;
    this.#workers = [];
    await Promise.all(workers.map(({ worker }) => worker.terminate()));
  }
}
