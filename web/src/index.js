// mtcnn-wasm: MTCNN face detection (boxes + 5 landmarks) on WebAssembly.
import { Detector } from './detector.js';
import { WorkerDetector } from './worker_detector.js';

export { Detector } from './detector.js';
export { WorkerDetector } from './worker_detector.js';
export {
  BUILDS,
  chooseBuild,
  simdSupported,
  threadsSupported,
  threadsUnavailableReason,
} from './builds.js';
export { toImageData } from './image_source.js';
export {
  DetectorDisposed,
  InternalError,
  InvalidImage,
  InvalidOption,
  InvalidWeights,
  MtcnnError,
  ResourceLimit,
} from './errors.js';

/**
 * createDetector(options) -> Promise<Detector>, or Promise<WorkerDetector> with
 * {worker: true}. See README for the options.
 */
export function createDetector(options = {}) {
  return options?.worker ? WorkerDetector.create(options) : Detector.create(options);
}
