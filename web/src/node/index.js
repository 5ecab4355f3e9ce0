// mtcnn-wasm/node: the package's API plus what only Node has: reading image files and
// detecting faces in many of them on a pool of worker threads.
export * from '../index.js';
export { detectFiles } from './detect_files.js';
export { readImageFile } from './image_file.js';
export { IMAGE_EXTENSIONS, listImageFiles } from './walk.js';
