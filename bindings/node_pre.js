// Prepended to the ES-module glue (--extern-pre-js): Emscripten 3.1.6's Node code paths
// use CommonJS's require and __dirname, which an ES module does not have.
import { createRequire as __mtcnnCreateRequire } from 'module';
import { fileURLToPath as __mtcnnFileURLToPath } from 'url';
import { dirname as __mtcnnDirname } from 'path';
const require = __mtcnnCreateRequire(import.meta.url);
const __filename = __mtcnnFileURLToPath(import.meta.url);
const __dirname = __mtcnnDirname(__filename);
