// Loads one build's Emscripten module from the package's files (build_files.js), or from
// `wasmBase` when the app serves them itself. In Node the .wasm is read from disk (Node's
// fetch cannot read file: URLs).
import { BUILD_FILES } from './build_files.js';
import { InternalError, InvalidOption } from './errors.js';
import { isNode } from './env.js';

// The URL of one of a build's files (its .wasm, and for threads its worker script and glue).
function resolve(build, file, wasmBase) {
  if (wasmBase)
    return new URL(
      file,
      new URL(wasmBase, typeof location === 'object' ? location.href : undefined),
    );
  const files = BUILD_FILES[build];
  if (file.endsWith('.wasm')) return files.wasm();
  if (file.endsWith('.worker.js') && files.worker) return files.worker();
  if (file.endsWith('.mjs') && files.script) return files.script();
  throw new InternalError(`no file ${file} in the '${build}' build`);
}

/** The Emscripten module of `build`; a file that cannot be loaded is a named error. */
export async function loadModule(build, options = {}) {
  try {
    return await instantiate(build, options);
  } catch (e) {
    const where = options.wasmBase ? `wasmBase ${options.wasmBase}` : 'the package';
    const message = `cannot load the '${build}' WebAssembly build from ${where}: ${e?.message ?? e}`;
    throw options.wasmBase ? new InvalidOption(message) : new InternalError(message);
  }
}

async function instantiate(build, { threads = 1, wasmBase } = {}) {
  const { default: factory } = await BUILD_FILES[build].factory();
  const toPath = isNode
    ? (await import(/* webpackIgnore: true */ 'node:url')).fileURLToPath
    : (u) => u.href;
  const moduleArgs = {
    // Workers for the pthreadpool are created up front: creating one while the main
    // thread waits for it would deadlock. The pool's calling thread is one of its
    // threads, so it needs threads - 1 of them. They load in the background
    // (PTHREAD_POOL_DELAY_LOAD) while this thread builds the networks; workersLoaded()
    // says when the pool may start.
    pthreadPoolSize: build === 'threads' ? threads - 1 : 0,
    locateFile: (file) => toPath(resolve(build, file, wasmBase)),
  };
  if (!isNode) {
    // The pthread Workers import the glue by this URL (a bundled app has no file of its own
    // for it otherwise).
    if (build === 'threads')
      moduleArgs.mainScriptUrlOrBlob = resolve(build, 'mtcnn-threads.mjs', wasmBase).href;
    return factory(moduleArgs);
  }
  const { readFile } = await import(/* webpackIgnore: true */ 'node:fs/promises');
  moduleArgs.wasmBinary = await readFile(resolve(build, `mtcnn-${build}.wasm`, wasmBase));
  // Emscripten's Node glue installs process-wide 'uncaughtException' and
  // 'unhandledRejection' handlers that only rethrow (Node's default anyway) but hold the
  // module, so no disposed detector could ever be collected. Take them back out.
  const events = ['uncaughtException', 'unhandledRejection'];
  const before = events.map((e) => new Set(process.listeners(e)));
  const module = await factory(moduleArgs);
  events.forEach((e, i) => {
    for (const fn of process.listeners(e)) if (!before[i].has(fn)) process.removeListener(e, fn);
  });
  return module;
}

/**
 * Resolves once every pthread Worker of `module` (none outside the threads build) has
 * loaded the WebAssembly module, so that the detector's threads can start without
 * blocking; rejects if one fails to load.
 */
export function workersLoaded(module) {
  const workers = module.PThread?.unusedWorkers ?? [];
  return Promise.all(
    workers.map((worker) =>
      worker.loaded
        ? undefined
        : new Promise((resolve, reject) => {
            // Emscripten's glue reads these two properties on every event (in Node too), so
            // wrapping them sees the 'loaded' message right after the glue has handled it.
            const { onmessage, onerror } = worker;
            const restore = () => Object.assign(worker, { onmessage, onerror });
            worker.onmessage = (e) => {
              onmessage(e);
              if (worker.loaded) {
                restore();
                resolve();
              }
            };
            worker.onerror = (e) => {
              restore();
              reject(new InternalError(`a pthread Worker failed to load: ${e?.message ?? e}`));
            };
          }),
    ),
  );
}
