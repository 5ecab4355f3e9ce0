// The Worker side of createDetector({worker: true}): one Detector, driven by messages
// {id, op, ...} and answering {id, value} or {id, error: {name, message}}. Runs as a
// module Worker in browsers and as a worker_threads Worker in Node.
import { Detector } from './detector.js';
import { toImageData } from './image_source.js';
import { isNode } from './env.js';

const port = isNode
  ? (await import(/* webpackIgnore: true */ 'node:worker_threads')).parentPort
  : globalThis;
const listen = (fn) =>
  isNode ? port.on('message', fn) : port.addEventListener('message', (e) => fn(e.data));

let detector = null;

function imageOf(image) {
  try {
    return toImageData(image);
  } finally {
    // A transferred VideoFrame must be closed by whoever holds it last; ImageBitmaps too
    // hold GPU or decoder memory until closed.
    if (typeof image?.close === 'function') image.close();
  }
}

const ops = {
  async init({ options }) {
    detector = await Detector.create(options, { quiet: true });
    return {
      build: detector.build,
      threads: detector.threads,
      fallbackReason: detector.fallbackReason,
      options: detector.options,
    };
  },
  detect({ image }) {
    const faces = detector.detectFaces(imageOf(image));
    return { faces, timings: detector.lastTimings, layerTimings: detector.lastLayerTimings };
  },
  detectForVideo({ image, timestampMs }) {
    const faces = detector.detectForVideo(imageOf(image), timestampMs);
    return { faces, timings: detector.lastTimings, layerTimings: detector.lastLayerTimings };
  },
  alignFaces({ image, faces, options }) {
    return detector.alignFaces(imageOf(image), faces, options);
  },
  resetVideo() {
    detector.resetVideo();
    return null;
  },
  setOptions({ options }) {
    return detector.setOptions(options);
  },
  memory() {
    return detector.memory;
  },
  dispose() {
    detector?.dispose();
    detector = null;
    return null;
  },
};

listen(async (msg) => {
  let reply;
  try {
    if (!detector && msg.op !== 'init' && msg.op !== 'dispose') {
      throw Object.assign(new Error('the detector has been disposed'), {
        name: 'DetectorDisposed',
      });
    }
    reply = { id: msg.id, value: await ops[msg.op](msg) };
  } catch (e) {
    reply = { id: msg.id, error: { name: e.name, message: e.message } };
  }
  port.postMessage(reply);
});
