// mtcnn-wasm: MTCNN face detection (boxes + 5 landmarks) on WebAssembly.
export { Detector } from './detector.js';
export { BUILDS, chooseBuild, simdSupported, threadsSupported } from './builds.js';
export * from './errors.js';

import { Detector } from './detector.js';

/** createDetector(options) -> Promise<Detector>; see README for the options. */
export function createDetector(options) {
  return Detector.create(options);
}
