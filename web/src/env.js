// Where we run: Node (files are paths, workers are worker_threads) or a browser/Worker.
export const isNode = typeof process === 'object' && typeof process.versions?.node === 'string';
