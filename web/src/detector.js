// The detector on the calling thread: one WebAssembly module instance, one C++ detector in
// it. detectFaces is synchronous; use the Worker detector (createDetector({worker: true}))
// to keep a page's main thread free.
import { planBuild } from './builds.js';
import { DetectorDisposed, InvalidOption, InvalidWeights, unwrap } from './errors.js';
import { toImageData, toImageDataList } from './image_source.js';
import { loadModule, workersLoaded } from './load_module.js';
import { isNode } from './env.js';
import { MAX_THREADS } from '../dist/limits.mjs';

export const OPTION_KEYS = [
  'minFaceSize',
  'thresholds',
  'scaleFactor',
  'maxMemoryMB',
  'profileLayers',
  'video',
  'refineLandmarks',
  'landmarkWeights',
  'threads',
  'build',
  'weights',
  'wasmBase',
  'worker',
];

// LNet's weights (det4), loaded only for a detector that refines landmarks: they are twice
// the size of the other three networks'.
const LNET_WEIGHTS = () => new URL('../../weights/lnet.safetensors', import.meta.url);

async function weightsBytes(weights, what = 'weights') {
  if (weights === undefined || weights === null) return undefined;
  if (weights instanceof ArrayBuffer) return new Uint8Array(weights);
  if (ArrayBuffer.isView(weights))
    return new Uint8Array(weights.buffer, weights.byteOffset, weights.byteLength);
  if (typeof weights === 'string' || weights instanceof URL) {
    const base =
      typeof location === 'object' ? location.href : `file://${isNode ? process.cwd() : ''}/`;
    const url = new URL(weights, base);
    try {
      if (url.protocol === 'file:') {
        const { readFile } = await import(/* webpackIgnore: true */ 'node:fs/promises');
        return new Uint8Array(await readFile(url));
      }
      const response = await fetch(url);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return new Uint8Array(await response.arrayBuffer());
    } catch (e) {
      throw new InvalidWeights(`cannot read ${what} from ${url.href}: ${e.message}`);
    }
  }
  throw new InvalidWeights(`${what} must be an ArrayBuffer, a typed array, a URL or a path`);
}

// LNet's weights when the detector may refine landmarks: those given, else the package's.
function landmarkWeightsBytes({ refineLandmarks, landmarkWeights }) {
  if (landmarkWeights !== undefined && landmarkWeights !== null)
    return weightsBytes(landmarkWeights, 'landmarkWeights');
  return refineLandmarks === true ? weightsBytes(LNET_WEIGHTS(), 'landmarkWeights') : undefined;
}

export function checkOptions(options) {
  if (options === null || typeof options !== 'object')
    throw new InvalidOption('options must be an object');
  for (const key of Object.keys(options)) {
    if (!OPTION_KEYS.includes(key))
      throw new InvalidOption(`unknown option ${JSON.stringify(key)}`);
  }
  // Checked here too, before a module and its threads are loaded; the core checks the rest.
  const threads = options.threads ?? 1;
  if (!Number.isInteger(threads) || threads < 1 || threads > MAX_THREADS) {
    throw new InvalidOption(`threads must be an integer in [1, ${MAX_THREADS}], got ${threads}`);
  }
  return threads;
}

export class Detector {
  #module;
  #native;
  #build;
  #fallbackReason;

  constructor(module, native, build, fallbackReason) {
    this.#module = module;
    this.#native = native;
    this.#build = build;
    this.#fallbackReason = fallbackReason;
  }

  /**
   * Creates a detector on this thread; see README for the options. Where threads cannot run
   * and the build is 'auto', it runs on one thread, says why in fallbackReason and warns
   * once on the console (unless `quiet`: a Worker detector warns on its caller's side).
   */
  static async create(options = {}, { quiet = false } = {}) {
    const threadsAsked = checkOptions(options);
    const plan = planBuild(options.build ?? 'auto', threadsAsked);
    const { build, threads } = plan;
    if (plan.fallbackReason && !quiet) console.warn(`mtcnn-wasm: ${plan.fallbackReason}`);
    const weights = await weightsBytes(options.weights);
    const landmarkWeights = await landmarkWeightsBytes(options);
    const module = await loadModule(build, { threads, wasmBase: options.wasmBase });
    const native = new module.Detector();
    const { minFaceSize, thresholds, scaleFactor, maxMemoryMB, profileLayers, video } = options;
    const { refineLandmarks } = options;
    try {
      // The networks are built while the pthread Workers are still loading; the threads
      // start once they have.
      unwrap(
        native.init(
          {
            minFaceSize,
            thresholds,
            scaleFactor,
            maxMemoryMB,
            profileLayers,
            refineLandmarks,
            video,
            threads,
          },
          weights,
          landmarkWeights,
        ),
      );
      await workersLoaded(module);
      unwrap(native.startThreads());
    } catch (e) {
      native.delete();
      module.PThread?.terminateAllThreads();
      throw e;
    }
    return new Detector(module, native, build, plan.fallbackReason);
  }

  /** Which WebAssembly build runs: 'threads', 'simd' or 'plain'. */
  get build() {
    return this.#build;
  }
  /** Why the detector runs on fewer threads than asked for (build 'auto'), else null. */
  get fallbackReason() {
    return this.#fallbackReason;
  }
  /** Threads the detector computes on. */
  get threads() {
    return this.#live().threads();
  }
  /**
   * The current options {minFaceSize, thresholds, scaleFactor, maxMemoryMB, refineLandmarks,
   * video}.
   */
  get options() {
    return this.#live().options();
  }
  /** Per-stage milliseconds of the last detectFaces call. */
  get lastTimings() {
    return this.#live().lastTimings();
  }
  /**
   * With profileLayers on, every layer of the last call: {layer, ms (thread time), flops,
   * calls}; null when off.
   */
  get lastLayerTimings() {
    return this.#live().lastLayerTimings();
  }
  /**
   * WebAssembly memory size, the part of it malloc has handed out, and the most the heap
   * has ever spanned, in bytes.
   */
  get memory() {
    this.#live();
    return {
      wasmMemoryBytes: this.#module.HEAPU8.buffer.byteLength,
      heapBytesInUse: this.#module.heapBytesInUse(),
      heapPeakBytes: this.#module.heapPeakBytes(),
    };
  }

  /**
   * Faces in an image, highest confidence first. `image`: ImageData or {width, height,
   * data: RGBA bytes}, or in browsers a canvas, OffscreenCanvas, <img>, <video>,
   * ImageBitmap or VideoFrame.
   */
  detectFaces(image) {
    const native = this.#live();
    return unwrap(native.detectFaces(toImageData(image)));
  }

  /**
   * Faces in one frame of a video stream, each with an `id` that stays the same while the
   * face is followed, and `raw`, the face as found before smoothing. `timestampMs` must
   * increase from frame to frame; one that does not starts a new stream. Accepts what
   * detectFaces accepts.
   */
  detectForVideo(frame, timestampMs) {
    const native = this.#live();
    return unwrap(native.detectForVideo(toImageData(frame), timestampMs));
  }

  /**
   * One aligned crop per face: {width, height, data} of RGBA (an ImageData where the
   * environment has ImageData). `faces` as detectFaces or detectForVideo returns them;
   * options {size, template: 'arcface' | 'facenet' | five [x, y] points, margin}.
   */
  alignFaces(image, faces, options = {}) {
    this.#live();
    return toImageDataList(unwrap(this.#module.alignFaces(toImageData(image), faces, options)));
  }

  /** Forgets the video stream: the next frame is scanned whole, its faces get new ids. */
  resetVideo() {
    unwrap(this.#live().resetVideo());
  }

  /**
   * Changes minFaceSize, thresholds, scaleFactor, maxMemoryMB, profileLayers,
   * refineLandmarks (for a detector made with LNet's weights) and/or video for later calls;
   * returns the detection options.
   */
  setOptions(options) {
    return unwrap(this.#live().setOptions(options));
  }

  /** Frees the WebAssembly memory and stops the threads; the detector is unusable after. */
  dispose() {
    if (!this.#native) return;
    this.#native.dispose();
    this.#native.delete();
    this.#native = null;
    this.#module.PThread?.terminateAllThreads();
    this.#module = null;
  }

  #live() {
    if (!this.#native) throw new DetectorDisposed('the detector has been disposed');
    return this.#native;
  }
}
