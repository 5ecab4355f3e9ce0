// The WebAssembly builds and their files: the one list of builds. The file URLs are written
// as literal `new URL('…', import.meta.url)` so bundlers (Vite, webpack 5, esbuild, Parcel)
// see and copy the files. The threads build's pthread Workers load two files of their own:
// the worker script, and the glue (`script`) as a file of its own, since a bundler may have
// merged the glue into the app's code.
export const BUILD_FILES = {
  threads: {
    factory: () => import('../dist/mtcnn-threads.mjs'),
    wasm: () => new URL('../dist/mtcnn-threads.wasm', import.meta.url),
    worker: () => new URL('../dist/mtcnn-threads.worker.js', import.meta.url),
    script: () => new URL('../dist/mtcnn-threads.mjs', import.meta.url),
  },
  simd: {
    factory: () => import('../dist/mtcnn-simd.mjs'),
    wasm: () => new URL('../dist/mtcnn-simd.wasm', import.meta.url),
  },
  plain: {
    factory: () => import('../dist/mtcnn-plain.mjs'),
    wasm: () => new URL('../dist/mtcnn-plain.wasm', import.meta.url),
  },
};
