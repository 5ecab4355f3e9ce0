// The demo page: a Worker-backed detector fed by the camera or still images, drawing boxes,
// landmarks and confidences over the view and each face's aligned crop beside it.
// window.demoState mirrors what the page shows (the browser tests read it).
import {
  createDetector,
  simdSupported,
  threadsSupported,
  threadsUnavailableReason,
} from '../web/src/index.js';
import { CameraError, cameraSupported, listCameras, startCamera, stopCamera } from './camera.js';
import {
  bindControls,
  readOptions,
  readRefineLandmarks,
  readThreads,
  setupThreads,
} from './controls.js';
import { drawFaces } from '../web/src/draw_faces.js';

const $ = (id) => document.getElementById(id);
const view = $('view');
const ctx = view.getContext('2d', { willReadFrequently: true });
const video = document.createElement('video');
// Camera frames are captured here and shown only together with their faces, so the view
// never shows a frame without its boxes (no flicker).
const capture = new OffscreenCanvas(1, 1);
const captureCtx = capture.getContext('2d');

const state = {
  ready: false,
  build: null,
  threads: 0,
  crossOriginIsolated: globalThis.crossOriginIsolated === true,
  mode: 'idle',
  faces: [],
  latencyMs: null,
  fps: null,
  frames: 0,
  message: '',
  messageKind: '',
  sourceWidth: 0,
  sourceHeight: 0,
  videoMode: true, // camera frames through detectForVideo (else detectFaces)
  trackedFrames: 0, // camera frames in video mode that were followed, not scanned whole
  fullScanFrames: 0,
  refineLandmarks: false,
  crops: 0, // aligned crops shown
};
// The most aligned crops shown.
const MAX_CROPS = 8;
window.demoState = state;

let detector = null;
let queue = Promise.resolve(); // detector calls and re-creations, one at a time
let still = null; // the ImageBitmap shown in still mode
let stream = null;
let live = null; // the running camera loop's promise
const frameTimes = [];

function showMessage(text, kind = 'info') {
  const box = $('message');
  box.textContent = text;
  box.className = `message ${kind}`;
  box.hidden = !text;
  state.message = text;
  state.messageKind = text ? kind : '';
}

function withDetector(fn) {
  const run = queue.then(() => fn(detector));
  queue = run.catch(() => {});
  return run;
}

function showStats() {
  $('stat-build').textContent = state.build
    ? { threads: 'SIMD + threads', simd: 'SIMD', plain: 'plain' }[state.build]
    : '–';
  $('stat-threads').textContent = state.threads || '–';
  $('stat-latency').textContent =
    state.latencyMs === null ? '–' : `${state.latencyMs.toFixed(1)} ms`;
  $('stat-fps').textContent = state.fps === null ? '–' : state.fps.toFixed(1);
  $('stat-faces').textContent = state.mode === 'idle' ? '–' : String(state.faces.length);
  $('stat-frames').textContent =
    state.trackedFrames + state.fullScanFrames
      ? `${state.trackedFrames} tracked, ${state.fullScanFrames} full scans`
      : '–';
}

function listFaces(faces) {
  const body = $('faces').tBodies[0];
  body.replaceChildren(
    ...faces.map((f, i) => {
      const tr = document.createElement('tr');
      const [x, y, w, h] = f.box.map((v) => v.toFixed(1));
      const id = f.id === undefined ? '–' : String(f.id);
      for (const text of [String(i + 1), id, f.confidence.toFixed(4), `${x}, ${y}, ${w}, ${h}`]) {
        const td = document.createElement('td');
        td.textContent = text;
        tr.append(td);
      }
      return tr;
    }),
  );
}

// Each face's aligned crop, as a row of small canvases.
function showCrops(crops) {
  const strip = $('crops');
  strip.replaceChildren(
    ...crops.slice(0, MAX_CROPS).map((crop, i) => {
      const canvas = Object.assign(document.createElement('canvas'), {
        width: crop.width,
        height: crop.height,
        title: `Face ${i + 1}, aligned`,
      });
      canvas.getContext('2d').putImageData(crop, 0, 0);
      return canvas;
    }),
  );
  state.crops = strip.childElementCount;
}

// The faces of `image` cut out and aligned (ArcFace template), at most MAX_CROPS of them.
function alignCrops(image, faces) {
  if (faces.length === 0) return Promise.resolve([]);
  return withDetector((d) => d.alignFaces(image, faces.slice(0, MAX_CROPS)));
}

async function createWorkerDetector(threads) {
  const refineLandmarks = readRefineLandmarks();
  const options = { worker: true, threads, refineLandmarks, ...readOptions() };
  const d = await createDetector(options);
  state.build = d.build;
  state.threads = d.threads;
  state.refineLandmarks = refineLandmarks;
  const reason = threadsUnavailableReason();
  const note = reason ? ` — threads unavailable: ${reason}, so one thread runs` : '';
  $('engine').innerHTML = '';
  $('engine').append(
    'Running the ',
    Object.assign(document.createElement('strong'), { textContent: d.build }),
    ` WebAssembly build on ${d.threads} thread${d.threads > 1 ? 's' : ''} in a Worker${note}.`,
  );
  return d;
}

async function detectStill() {
  if (!still) return;
  const bitmap = await createImageBitmap(still); // a copy: the Worker gets it, we keep `still`
  const t0 = performance.now();
  const faces = await withDetector((d) => d.detectFaces(bitmap));
  state.latencyMs = performance.now() - t0;
  state.faces = faces;
  state.fps = null;
  view.width = state.sourceWidth = still.width;
  view.height = state.sourceHeight = still.height;
  ctx.drawImage(still, 0, 0);
  drawFaces(ctx, faces);
  listFaces(faces);
  // Another copy: the Worker takes (and closes) the bitmaps it is sent.
  showCrops(await alignCrops(await createImageBitmap(still), faces));
  showStats();
}

async function openStill(source, name) {
  let bitmap;
  try {
    bitmap = await createImageBitmap(source);
  } catch {
    showMessage(`Cannot read “${name}” as an image. Try a PNG, JPEG, WebP or GIF file.`, 'error');
    return;
  }
  if (state.mode === 'camera') await stopLive();
  still?.close();
  still = bitmap;
  state.mode = 'still';
  $('placeholder').hidden = true;
  showMessage('');
  try {
    await detectStill();
  } catch (e) {
    showMessage(`Detection failed: ${e.message}`, 'error');
  }
}

async function openFile(file) {
  if (!file) return;
  await openStill(file, file.name || 'the pasted data');
}

async function openSample(src) {
  const response = await fetch(new URL(src, location.href));
  await openStill(await response.blob(), src.split('/').pop());
}

// ------------------------------------------------------------------ camera
async function liveLoop() {
  while (state.mode === 'camera') {
    if (video.readyState < 2 || video.videoWidth === 0) {
      await new Promise((r) => requestAnimationFrame(r));
      continue;
    }
    if (capture.width !== video.videoWidth || capture.height !== video.videoHeight) {
      capture.width = video.videoWidth;
      capture.height = video.videoHeight;
    }
    captureCtx.drawImage(video, 0, 0);
    const frame = await createImageBitmap(capture);
    const t0 = performance.now();
    const videoMode = state.videoMode;
    let faces;
    let fullScan = false;
    try {
      faces = await withDetector(async (d) => {
        if (!videoMode) return d.detectFaces(frame);
        const found = await d.detectForVideo(frame, t0);
        fullScan = d.lastTimings.fullScan;
        return found;
      });
    } catch (e) {
      if (state.mode === 'camera') showMessage(`Detection failed: ${e.message}`, 'error');
      break;
    }
    if (faces === null) continue; // a newer frame took this one's turn
    if (videoMode) state[fullScan ? 'fullScanFrames' : 'trackedFrames'] += 1;
    let crops;
    try {
      crops = await alignCrops(capture, faces);
    } catch (e) {
      if (state.mode === 'camera') showMessage(`Aligning faces failed: ${e.message}`, 'error');
      break;
    }
    const now = performance.now();
    // Even when stopping, show this frame with its faces.
    if (view.width !== capture.width || view.height !== capture.height) {
      view.width = capture.width;
      view.height = capture.height;
    }
    state.sourceWidth = view.width;
    state.sourceHeight = view.height;
    ctx.drawImage(capture, 0, 0);
    drawFaces(ctx, faces);
    state.latencyMs = now - t0;
    state.faces = faces;
    state.frames += 1;
    frameTimes.push(now);
    while (frameTimes.length && now - frameTimes[0] > 1000) frameTimes.shift();
    state.fps =
      frameTimes.length > 1 ? (1000 * (frameTimes.length - 1)) / (now - frameTimes[0]) : null;
    listFaces(faces);
    showCrops(crops);
    showStats();
    await new Promise((r) => requestAnimationFrame(r)); // let the page breathe between frames
  }
}

async function startLive() {
  const select = $('camera-select');
  try {
    stream = await startCamera(video, select.value || undefined);
  } catch (e) {
    showMessage(
      e instanceof CameraError ? e.message : `The camera could not be started: ${e.message}`,
      'error',
    );
    return;
  }
  still?.close();
  still = null;
  state.mode = 'camera';
  state.frames = 0;
  state.trackedFrames = 0;
  state.fullScanFrames = 0;
  withDetector((d) => d.resetVideo()); // a new stream: new ids
  frameTimes.length = 0;
  $('placeholder').hidden = true;
  $('camera-toggle').textContent = 'Stop camera';
  $('camera-toggle').setAttribute('aria-pressed', 'true');
  showMessage('');
  await refreshCameras(stream);
  live = liveLoop();
}

async function stopLive() {
  state.mode = 'stopping';
  await live;
  live = null;
  stopCamera(video, stream);
  stream = null;
  state.mode = 'idle';
  $('camera-toggle').textContent = 'Start camera';
  $('camera-toggle').setAttribute('aria-pressed', 'false');
  state.fps = null;
  showStats();
}

async function refreshCameras(activeStream) {
  const select = $('camera-select');
  const cameras = await listCameras().catch(() => []);
  const active = activeStream?.getVideoTracks()[0]?.getSettings().deviceId;
  select.replaceChildren(
    ...cameras.map(
      (c, i) => new Option(c.label || `Camera ${i + 1}`, c.deviceId, false, c.deviceId === active),
    ),
  );
  select.disabled = cameras.length < 2;
}

// ------------------------------------------------------------------ wiring
function wire() {
  $('camera-toggle').addEventListener('click', () => {
    if (state.mode === 'camera') stopLive();
    else if (state.mode !== 'stopping') startLive();
  });
  $('camera-select').addEventListener('change', async () => {
    if (state.mode === 'camera') {
      await stopLive();
      await startLive();
    }
  });
  $('video-mode').addEventListener('change', (e) => {
    state.videoMode = e.target.checked;
    state.trackedFrames = 0;
    state.fullScanFrames = 0;
    withDetector((d) => d.resetVideo());
  });
  $('file-input').addEventListener('change', (e) => {
    openFile(e.target.files[0]);
    e.target.value = '';
  });
  for (const b of document.querySelectorAll('.sample'))
    b.addEventListener('click', () => openSample(b.dataset.src));
  const zone = $('drop-zone');
  zone.addEventListener('dragover', (e) => {
    e.preventDefault();
    zone.classList.add('dragging');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('dragging'));
  zone.addEventListener('drop', (e) => {
    e.preventDefault();
    zone.classList.remove('dragging');
    openFile(e.dataTransfer.files[0]);
  });
  document.addEventListener('paste', (e) => {
    const file = [...(e.clipboardData?.files ?? [])][0];
    if (file) openFile(file);
  });
  bindControls({
    onOptions: (options) => {
      withDetector((d) => d.setOptions(options))
        .then(() => (state.mode === 'still' ? detectStill() : null))
        .catch((e) => showMessage(`Invalid setting: ${e.message}`, 'error'));
    },
    onThreads: restartDetector,
    onRefine: () => restartDetector(readThreads()),
  });
}

// A new detector (threads and landmark refinement are set when one is made).
function restartDetector(threads) {
  withDetector(async (old) => {
    await old?.dispose();
    detector = await createWorkerDetector(threads);
  })
    .then(() => (state.mode === 'still' ? detectStill() : null))
    .catch((e) => showMessage(`Could not restart the detector: ${e.message}`, 'error'));
}

async function main() {
  wire();
  if (
    typeof WebAssembly !== 'object' ||
    typeof Worker !== 'function' ||
    typeof createImageBitmap !== 'function'
  ) {
    showMessage(
      'This browser lacks WebAssembly, Workers or createImageBitmap, which the demo needs.',
      'error',
    );
    $('engine').textContent = 'Unsupported browser.';
    return;
  }
  if (!simdSupported())
    showMessage(
      'This browser has no WebAssembly SIMD: the plain build runs, several times slower.',
    );
  setupThreads(navigator.hardwareConcurrency || 1, threadsSupported());
  $('threads-note').textContent = threadsSupported()
    ? ''
    : `Threads are unavailable: ${threadsUnavailableReason()}.${
        state.crossOriginIsolated ? '' : ' `npm start` serves the page with COOP/COEP.'
      }`;
  if (!cameraSupported()) {
    $('camera-toggle').disabled = true;
    $('camera-toggle').title = 'No camera access in this browser or on this origin';
  }
  try {
    detector = await createWorkerDetector(readThreads());
    state.ready = true;
    showStats();
  } catch (e) {
    showMessage(`The detector could not start: ${e.message}`, 'error');
  }
}

main();
