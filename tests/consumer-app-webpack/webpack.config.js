// webpack 5 settings a consumer of mtcnn-wasm needs: the threads build's pthread Worker
// script and the glue it imports are copied as files (by their own names), not bundled.
// Everything else (the .wasm files, the package's own Worker) webpack finds by itself.
import path from 'node:path';

export default {
  mode: 'production',
  entry: './main.js',
  output: { path: path.resolve('dist'), filename: 'main.js' },
  performance: { hints: false },
  module: {
    rules: [
      {
        test: /mtcnn-threads\.worker\.js$/,
        type: 'asset/resource',
        generator: { filename: '[name][ext]' },
      },
      {
        test: /mtcnn-threads\.mjs$/,
        dependency: 'url',
        type: 'asset/resource',
        generator: { filename: '[name][ext]' },
      },
    ],
  },
};
