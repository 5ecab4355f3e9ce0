// Loads one build's Emscripten module. In Node the .wasm is read from disk (Node's fetch
// cannot read file: URLs) and files are located as paths; in browsers they are URLs next to
// this file, or under `wasmBase` when the app serves the .wasm and worker files elsewhere.
const isNode = typeof process === 'object' && typeof process.versions?.node === 'string';

const factories = {
  threads: () => import('../dist/mtcnn-threads.mjs'),
  simd: () => import('../dist/mtcnn-simd.mjs'),
  plain: () => import('../dist/mtcnn-plain.mjs'),
};

export async function loadModule(build, { threads = 1, wasmBase } = {}) {
  const { default: factory } = await factories[build]();
  const base = wasmBase ? new URL(wasmBase, typeof location === 'object' ? location.href : undefined)
    : new URL('../dist/', import.meta.url);
  const toPath = isNode ? (await import('node:url')).fileURLToPath : (u) => u.href;
  const moduleArgs = {
    // Workers for the pthreadpool are created up front: creating one while the main
    // thread waits for it would deadlock.
    pthreadPoolSize: build === 'threads' ? threads : 0,
    locateFile: (file) => toPath(new URL(file, base)),
  };
  if (isNode) {
    const { readFile } = await import('node:fs/promises');
    moduleArgs.wasmBinary = await readFile(new URL(`mtcnn-${build}.wasm`, base));
  }
  return factory(moduleArgs);
}
