#!/usr/bin/env node
// `npm start`: builds what is missing, then serves the demo on 127.0.0.1 with the
// cross-origin-isolation headers (so the threaded build runs) and prints the URL.
//   node demo/serve.mjs [--port N] [--no-isolation]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from './static_server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const port = args.includes('--port') ? Number(args[args.indexOf('--port') + 1]) : 8080;
const isolated = !args.includes('--no-isolation');

const needed = ['threads', 'simd', 'plain'].flatMap((b) => [`mtcnn-${b}.mjs`, `mtcnn-${b}.wasm`]);
if (!needed.every((f) => fs.existsSync(path.join(root, 'web', 'dist', f)))) {
  console.log('Building the WebAssembly modules first (scripts/setup.sh)…');
  const r = spawnSync('bash', [path.join(root, 'scripts', 'setup.sh')], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
const server = await serve(root, { isolated, port });
console.log(
  `mtcnn-wasm demo: ${server.url}demo/  (${isolated ? 'cross-origin isolated: threads available' : 'no COOP/COEP: SIMD build'}; Ctrl+C to stop)`,
);
