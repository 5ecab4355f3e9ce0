// A tiny app consuming the installed mtcnn-wasm package through a bundler (Vite, webpack 5):
// a canvas on the main thread, an ImageBitmap in a Worker (refining landmarks with LNet,
// whose weights the bundler must have copied, and aligning the face), on two threads where
// the page is cross-origin isolated. Writes its findings as JSON into #result.
import { createDetector, InvalidImage } from 'mtcnn-wasm';

const out = document.getElementById('result');
try {
  const img = new Image();
  img.src = new URL('./face.png', import.meta.url).href;
  await img.decode();
  const canvas = document.getElementById('canvas');
  canvas.width = img.naturalWidth;
  canvas.height = img.naturalHeight;
  canvas.getContext('2d').drawImage(img, 0, 0);

  const threads = crossOriginIsolated ? 2 : 1;
  const detector = await createDetector({ threads });
  const fromCanvas = detector.detectFaces(canvas);
  const fromImage = detector.detectFaces(img);
  let named = '';
  try {
    detector.detectFaces({ width: 2, height: 2, data: new Uint8Array(3) });
  } catch (e) {
    named = e instanceof InvalidImage ? e.name : String(e);
  }
  const build = detector.build;
  const used = detector.threads;
  detector.dispose();

  const worker = await createDetector({ worker: true, threads, refineLandmarks: true });
  const workerBuild = worker.build;
  const workerThreads = worker.threads;
  const bitmap = await createImageBitmap(img);
  const fromWorker = await worker.detectFaces(bitmap);
  const transferred = bitmap.width === 0; // transferred, not copied
  const [crop] = await worker.alignFaces(img, fromWorker);
  const aligned = crop instanceof ImageData ? [crop.width, crop.height] : null;
  await worker.dispose();
  const refined =
    JSON.stringify(fromWorker[0]?.keypoints) !== JSON.stringify(fromCanvas[0]?.keypoints);

  out.textContent = JSON.stringify({
    build,
    threads: used,
    workerBuild,
    workerThreads,
    crossOriginIsolated,
    fromCanvas,
    fromImage,
    fromWorker,
    named,
    transferred,
    refined,
    aligned,
  });
} catch (e) {
  out.textContent = JSON.stringify({ error: `${e.name}: ${e.message}`, stack: e.stack });
}
