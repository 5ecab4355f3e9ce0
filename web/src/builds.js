// The three WebAssembly builds and how 'auto' chooses among them (as tfjs-backend-wasm does):
// threads when more than one thread is asked for and the page is cross-origin isolated
// (SharedArrayBuffer usable), else SIMD when the engine validates a SIMD module, else plain.
// On one thread the threads build computes exactly what the SIMD build does, at the same
// speed, but starts a pthread Worker and shared memory first (about 60 ms more to the
// first result in Node), so 'auto' does not pick it there.
import { BUILD_FILES } from './build_files.js';
import { InvalidOption } from './errors.js';
import { isNode } from './env.js';

export const BUILDS = Object.freeze(Object.keys(BUILD_FILES));

// (module (func (result v128) i32.const 0 i8x16.splat i8x16.popcnt)), the probe
// tfjs and wasm-feature-detect use.
const SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15,
  253, 98, 11,
]);

export function simdSupported() {
  try {
    return WebAssembly.validate(SIMD_PROBE);
  } catch {
    return false;
  }
}

export function threadsSupported() {
  if (typeof SharedArrayBuffer !== 'function') return false;
  // Node has no cross-origin isolation to grant; browsers need COOP/COEP.
  return isNode || globalThis.crossOriginIsolated === true;
}

export function chooseBuild(requested = 'auto', threads = 1) {
  if (requested !== 'auto' && !BUILDS.includes(requested)) {
    throw new InvalidOption(
      `build must be 'auto', 'threads', 'simd' or 'plain', got ${JSON.stringify(requested)}`,
    );
  }
  if (requested === 'threads' && !threadsSupported()) {
    throw new InvalidOption(
      "build 'threads' needs SharedArrayBuffer and cross-origin isolation (COOP/COEP headers)",
    );
  }
  if ((requested === 'threads' || requested === 'simd') && !simdSupported()) {
    throw new InvalidOption(`build '${requested}' needs WebAssembly SIMD, which this engine lacks`);
  }
  if (requested !== 'auto') return requested;
  if (threads > 1 && threadsSupported() && simdSupported()) return 'threads';
  return simdSupported() ? 'simd' : 'plain';
}
