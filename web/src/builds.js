// The three WebAssembly builds and how 'auto' chooses among them (as tfjs-backend-wasm does):
// threads when more than one thread is asked for and threads can run here (SharedArrayBuffer
// in a cross-origin isolated page, and SIMD), else SIMD when the engine validates a SIMD
// module, else plain. On one thread the threads build computes exactly what the SIMD build
// does but starts a pthread Worker and shared memory first, so 'auto' does not pick it
// there. Where threads cannot run, 'auto' runs on one thread and says why, so that an app
// asking for two threads works in every engine; an explicit 'threads' is refused instead.
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

/** Why the threads build cannot run here, or null where it can. */
export function threadsUnavailableReason() {
  // Node has no cross-origin isolation to grant; browsers need COOP/COEP, and most hide
  // SharedArrayBuffer without it, so isolation is the reason to give first.
  if (!isNode && globalThis.crossOriginIsolated !== true) {
    return 'the page is not cross-origin isolated (COOP/COEP headers)';
  }
  if (typeof SharedArrayBuffer !== 'function') {
    return 'this engine has no SharedArrayBuffer';
  }
  if (!simdSupported()) return 'this engine has no WebAssembly SIMD';
  return null;
}

export function threadsSupported() {
  return threadsUnavailableReason() === null;
}

/**
 * The build and thread count a detector asked for `requested` on `threads` threads runs
 * with: {build, threads, fallbackReason}, where fallbackReason says why it runs on fewer
 * threads than asked (null when it does not).
 */
export function planBuild(requested = 'auto', threads = 1) {
  const build = chooseBuild(requested, threads);
  if (build !== 'threads' && threads > 1) {
    if (requested !== 'auto') {
      throw new InvalidOption(
        `threads: ${threads} needs the 'threads' build; this one is '${build}'`,
      );
    }
    return {
      build,
      threads: 1,
      fallbackReason: `${threads} threads asked for, running on 1: ${threadsUnavailableReason()}`,
    };
  }
  return { build, threads, fallbackReason: null };
}

export function chooseBuild(requested = 'auto', threads = 1) {
  if (requested !== 'auto' && !BUILDS.includes(requested)) {
    throw new InvalidOption(
      `build must be 'auto', 'threads', 'simd' or 'plain', got ${JSON.stringify(requested)}`,
    );
  }
  if (requested === 'threads' && !threadsSupported()) {
    throw new InvalidOption(
      `build 'threads' needs SharedArrayBuffer, cross-origin isolation (COOP/COEP headers) and SIMD: ${threadsUnavailableReason()}`,
    );
  }
  if ((requested === 'threads' || requested === 'simd') && !simdSupported()) {
    throw new InvalidOption(`build '${requested}' needs WebAssembly SIMD, which this engine lacks`);
  }
  if (requested !== 'auto') return requested;
  if (threads > 1 && threadsSupported()) return 'threads';
  return simdSupported() ? 'simd' : 'plain';
}
