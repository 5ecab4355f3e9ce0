// createDetector({worker: true}): the same detector in a Worker, so the calling thread never
// blocks. Every method is async. ImageBitmap and VideoFrame inputs are transferred, not
// copied (the caller's object is closed afterwards); canvases, <img> and <video> are turned
// into an ImageBitmap first; ImageData is copied.
import { DetectorDisposed, errorFromMessage, InvalidImage, InvalidOption } from './errors.js';
import { isDrawable, isTransferable, toImageData, toImageDataList } from './image_source.js';
import { checkOptions } from './detector.js';
import { isNode, nodeWorkerExecArgv } from './env.js';

async function spawn() {
  if (isNode) {
    const { Worker } = await import(/* webpackIgnore: true */ 'node:worker_threads');
    // Not for bundlers to see (webpackIgnore): the browser branch below is their Worker.
    const w = new Worker(new URL(/* webpackIgnore: true */ './worker.js', import.meta.url), {
      execArgv: nodeWorkerExecArgv(),
    });
    return {
      post: (msg, transfer) => w.postMessage(msg, transfer),
      onMessage: (fn) => w.on('message', fn),
      onError: (fn) => w.on('error', fn),
      terminate: () => w.terminate(),
    };
  }
  const w = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
  return {
    post: (msg, transfer) => w.postMessage(msg, transfer),
    onMessage: (fn) => w.addEventListener('message', (e) => fn(e.data)),
    onError: (fn) => w.addEventListener('error', (e) => fn(e.error ?? new Error(e.message))),
    terminate: () => w.terminate(),
  };
}

async function transferable(image) {
  if (isTransferable(image)) return [image, [image]];
  if (isDrawable(image)) {
    const bitmap = await createImageBitmap(image);
    return [bitmap, [bitmap]];
  }
  // ImageData(-like): copied, as a plain snapshot (toImageData), because some ImageData
  // implementations (e.g. @napi-rs/canvas in Node) keep width and height on the prototype,
  // which cloning drops.
  return [toImageData(image), []];
}

// A waiting video frame that a newer one displaced, or that dispose() found waiting.
function dropWaiting(waiting) {
  if (typeof waiting.frame?.close === 'function') waiting.frame.close();
  waiting.resolve(null);
}

export class WorkerDetector {
  #worker;
  #pending = new Map();
  #nextId = 1;
  #info;
  #timings = null;
  #layerTimings = null;
  #disposing = null;
  // Calls made before dispose() whose message is not yet posted (an image being turned into
  // an ImageBitmap): dispose() waits for them, so that every call made before it completes.
  #posting = new Set();
  // detectForVideo: whether a frame is being computed, and the one frame that may wait.
  #videoBusy = false;
  #videoWaiting = null;

  static async create(options = {}) {
    checkOptions(options);
    const { worker: _ignored, ...rest } = options;
    const d = new WorkerDetector();
    d.#worker = await spawn();
    d.#worker.onMessage((msg) => d.#settle(msg));
    d.#worker.onError((e) => d.#failAll(e));
    try {
      d.#info = await d.#call('init', { options: rest });
      if (d.#info.fallbackReason) console.warn(`mtcnn-wasm: ${d.#info.fallbackReason}`);
    } catch (e) {
      d.#worker.terminate();
      d.#worker = null;
      throw e;
    }
    return d;
  }

  /** Which WebAssembly build runs in the Worker. */
  get build() {
    return this.#info.build;
  }
  /** Why the detector runs on fewer threads than asked for (build 'auto'), else null. */
  get fallbackReason() {
    return this.#info.fallbackReason;
  }
  /** Threads the detector computes on. */
  get threads() {
    return this.#info.threads;
  }
  /** The current detection options. */
  get options() {
    return this.#info.options;
  }
  /** Per-stage milliseconds of the last detectFaces call (null before the first). */
  get lastTimings() {
    return this.#timings;
  }
  /** With profileLayers on, every layer of the last call (see Detector); else null. */
  get lastLayerTimings() {
    return this.#layerTimings;
  }
  /** True while the Worker is alive. */
  get isWorker() {
    return true;
  }

  /** Faces in the image (any source createDetector accepts), resolved from the Worker. */
  async detectFaces(image) {
    this.#live();
    return this.#detect('detect', image, {});
  }

  /**
   * detectForVideo (see Detector) in the Worker. One frame is computed at a time and at
   * most one more waits: a frame sent while another waits takes its place, and the one it
   * displaces resolves with null (dropped; an ImageBitmap or VideoFrame is closed). So a
   * caller that sends every frame of a camera never builds a queue; one that needs every
   * frame awaits each call before the next.
   */
  async detectForVideo(frame, timestampMs) {
    this.#live();
    if (!this.#videoBusy) return this.#sendVideo(frame, timestampMs);
    if (this.#videoWaiting) dropWaiting(this.#videoWaiting);
    return new Promise((resolve, reject) => {
      this.#videoWaiting = { frame, timestampMs, resolve, reject };
    });
  }

  /** Forgets the video stream (see Detector). */
  async resetVideo() {
    await this.#call('resetVideo', {});
  }

  async #sendVideo(frame, timestampMs) {
    this.#videoBusy = true;
    try {
      return await this.#detect('detectForVideo', frame, { timestampMs });
    } finally {
      this.#videoBusy = false;
      const next = this.#videoWaiting;
      this.#videoWaiting = null;
      if (next) {
        if (this.#disposing) dropWaiting(next);
        else this.#sendVideo(next.frame, next.timestampMs).then(next.resolve, next.reject);
      }
    }
  }

  // Sends `image` for `op`; the call counts as made before a later dispose().
  async #detect(op, image, fields) {
    const { faces, timings, layerTimings } = await this.#sendImage(op, image, fields);
    this.#timings = timings;
    this.#layerTimings = layerTimings;
    return faces;
  }

  // Posts `op` with `image` (transferred where it can be) and `fields`; resolves with the
  // reply. Counts as made before a later dispose() once it has been called.
  async #sendImage(op, image, fields) {
    let markPosted;
    const posted = new Promise((resolve) => {
      markPosted = resolve;
    });
    this.#posting.add(posted);
    let reply;
    try {
      const [payload, transfer] = await transferable(image);
      reply = this.#call(op, { image: payload, ...fields }, transfer, true);
    } finally {
      this.#posting.delete(posted);
      markPosted();
    }
    return reply;
  }

  /** alignFaces (see Detector) in the Worker. */
  async alignFaces(image, faces, options = {}) {
    this.#live();
    return toImageDataList(await this.#sendImage('alignFaces', image, { faces, options }));
  }

  async setOptions(options) {
    this.#info.options = await this.#call('setOptions', { options });
    return this.#info.options;
  }

  /** WebAssembly memory of the Worker's detector, in bytes. */
  get memory() {
    return this.#call('memory', {});
  }

  /**
   * Frees the detector and ends the Worker. Calls made before it complete first; calls made
   * after it are refused with DetectorDisposed. Calling it again (even while the first is
   * under way) returns the same promise.
   */
  dispose() {
    this.#disposing ??= this.#dispose();
    return this.#disposing;
  }

  async #dispose() {
    if (!this.#worker) return;
    const worker = this.#worker;
    if (this.#videoWaiting) dropWaiting(this.#videoWaiting);
    this.#videoWaiting = null;
    try {
      // The Worker answers messages in order, so once these are posted the dispose message
      // comes after them.
      await Promise.all([...this.#posting]);
      await this.#call('dispose', {});
    } finally {
      this.#worker = null;
      this.#failAll(new DetectorDisposed('the detector has been disposed'));
      await worker.terminate();
    }
  }

  #live() {
    if (!this.#worker || this.#disposing)
      throw new DetectorDisposed('the detector has been disposed');
  }

  // `madeBeforeDispose`: the call began before dispose() did, so it still goes out.
  #call(op, fields, transfer = [], madeBeforeDispose = false) {
    if (!this.#worker || (this.#disposing && op !== 'dispose' && !madeBeforeDispose)) {
      return Promise.reject(new DetectorDisposed('the detector has been disposed'));
    }
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      try {
        this.#worker.post({ id, op, ...fields }, transfer);
      } catch (e) {
        // Not cloneable (a function in the options, an image of odd objects...).
        this.#pending.delete(id);
        const Kind = op === 'detect' ? InvalidImage : InvalidOption;
        reject(
          new Kind(
            `cannot send this ${op === 'detect' ? 'image' : 'value'} to the Worker: ${e.message}`,
          ),
        );
      }
    });
  }

  #settle(msg) {
    const p = this.#pending.get(msg.id);
    if (!p) return;
    this.#pending.delete(msg.id);
    if (msg.error) p.reject(errorFromMessage(msg.error));
    else p.resolve(msg.value);
  }

  #failAll(error) {
    for (const p of this.#pending.values()) p.reject(error);
    this.#pending.clear();
  }
}
