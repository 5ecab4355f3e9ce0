// Prepended to the ES-module glue (--extern-pre-js): Emscripten 3.1.6's Node code paths
// use CommonJS's require and __dirname, which an ES module does not have. Browsers and
// bundlers must not see a static import of Node's modules, hence the guarded dynamic ones,
// which webpack is told to leave alone (webpackIgnore).
var require, __filename, __dirname;
if (typeof process === 'object' && typeof process.versions === 'object' && typeof process.versions.node === 'string') {
  const { createRequire } = await import(/* webpackIgnore: true */ 'node:module');
  const { fileURLToPath } = await import(/* webpackIgnore: true */ 'node:url');
  const { dirname } = await import(/* webpackIgnore: true */ 'node:path');
  require = createRequire(import.meta.url);
  __filename = fileURLToPath(import.meta.url);
  __dirname = dirname(__filename);
}
