// Where we run: Node (files are paths, workers are worker_threads) or a browser/Worker.
export const isNode = typeof process === 'object' && typeof process.versions?.node === 'string';

// The Node options a worker_threads Worker of ours runs with: the process's (inherited),
// except when the process runs a script given as text (`node --input-type=module -e ...`):
// a Worker inheriting --input-type refuses to start from a file, and an explicit list may
// hold only per-thread flags, so it then gets none.
export function nodeWorkerExecArgv() {
  return process.execArgv.some((arg) => arg.startsWith('--input-type')) ? [] : undefined;
}
