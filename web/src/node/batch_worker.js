// One worker of a batch pool (worker_threads): one detector, made once, that decodes,
// detects and optionally draws each file it is sent, answering with the file's record.
// Decoding runs here too, so a pool of n workers keeps n cores busy.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { Detector } from '../detector.js';
import { drawFacesToPng, writeRgbaPng } from './draw_png.js';
import { readImageFile } from './image_file.js';

async function recordOf(detector, file, drawPath, cropsPrefix) {
  try {
    const image = await readImageFile(file);
    const faces = detector.detectFaces(image);
    if (drawPath) {
      await mkdir(path.dirname(drawPath), { recursive: true });
      await drawFacesToPng(image, faces, drawPath);
    }
    if (cropsPrefix) {
      const aligned = detector.alignFaces(image, faces, workerData.align);
      await mkdir(path.dirname(cropsPrefix), { recursive: true });
      await Promise.all(aligned.map((c, i) => writeRgbaPng(c, `${cropsPrefix}_${i}.png`)));
    }
    return { file, width: image.width, height: image.height, faces };
  } catch (e) {
    return { file, error: { name: e.name, message: e.message } };
  }
}

let detector;
try {
  detector = await Detector.create(workerData.options, { quiet: true });
  // The crops' options are checked now, by the core, so that bad ones stop the batch
  // before any file rather than fail every file.
  if (workerData.align)
    detector.alignFaces({ width: 1, height: 1, data: new Uint8Array(4) }, [], workerData.align);
  parentPort.postMessage({
    ready: { build: detector.build, threads: detector.threads, fallback: detector.fallbackReason },
  });
} catch (e) {
  parentPort.postMessage({ failed: { name: e.name, message: e.message } });
}

if (detector) {
  parentPort.on('message', async ({ id, file, drawPath, cropsPrefix }) => {
    if (id === undefined) {
      detector.dispose();
      parentPort.close();
      return;
    }
    parentPort.postMessage({ id, record: await recordOf(detector, file, drawPath, cropsPrefix) });
  });
}
