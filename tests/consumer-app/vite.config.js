// Vite settings a consumer of mtcnn-wasm needs: module Workers (the package's Worker
// imports the WebAssembly glue dynamically) and no pre-bundling of the package in dev
// (pre-bundling would break its `new URL('…', import.meta.url)` asset references).
export default {
  worker: { format: 'es' },
  optimizeDeps: { exclude: ['mtcnn-wasm'] },
  build: { target: 'es2022' },
  logLevel: 'warn',
};
