// A typed usage example: `tsc -p tests/types` must accept it (CI runs it). It is also what
// the README's quick starts look like in TypeScript.
import {
  type AlignedFace,
  createDetector,
  type Detector,
  type Face,
  InvalidImage,
  type Point,
  type StageTimings,
  type VideoFace,
  type WorkerDetector,
} from 'mtcnn-wasm';
import { detectFiles, type FileRecord } from 'mtcnn-wasm/node';

export async function nodeExample(
  pixels: Uint8ClampedArray,
  width: number,
  height: number,
): Promise<number> {
  const detector: Detector = await createDetector({
    minFaceSize: 40,
    thresholds: [0.6, 0.7, 0.7],
    build: 'auto',
  });
  try {
    const faces: Face[] = detector.detectFaces({ width, height, data: pixels });
    for (const {
      box: [x, y, w, h],
      confidence,
      keypoints,
    } of faces) {
      const [ex, ey] = keypoints.left_eye;
      console.log(x + w / 2, y + h / 2, confidence, ex, ey);
    }
    const t: StageTimings = detector.lastTimings;
    console.log(detector.build, detector.threads, t.total, detector.memory.heapBytesInUse);
    detector.setOptions({ scaleFactor: 0.8 });
    return faces.length;
  } catch (e) {
    if (e instanceof InvalidImage) return -1;
    throw e;
  } finally {
    detector.dispose();
  }
}

export async function browserExample(
  video: HTMLVideoElement,
  bitmap: ImageBitmap,
): Promise<Face[]> {
  const worker: WorkerDetector = await createDetector({
    worker: true,
    build: 'threads',
    threads: 2,
  });
  const fromVideo: Face[] = await worker.detectFaces(video);
  const fromBitmap = await worker.detectFaces(bitmap);
  await worker.dispose();
  return [...fromVideo, ...fromBitmap];
}

// Refined landmarks and aligned crops, on this thread and in a Worker.
export async function alignExample(image: ImageData): Promise<AlignedFace[]> {
  const detector = await createDetector({ refineLandmarks: true });
  const faces = detector.detectFaces(image);
  const arcface: AlignedFace[] = detector.alignFaces(image, faces);
  detector.alignFaces(image, faces, { template: 'facenet', margin: 20 });
  detector.setOptions({ refineLandmarks: false });
  console.log(detector.options.refineLandmarks, detector.lastTimings.lnet, arcface[0]?.data.length);
  detector.dispose();
  const worker = await createDetector({ worker: true, landmarkWeights: '/lnet.safetensors' });
  const points: [Point, Point, Point, Point, Point] = [
    [30, 40],
    [66, 40],
    [48, 58],
    [34, 74],
    [62, 74],
  ];
  const crops = await worker.alignFaces(image, await worker.detectFaces(image), {
    template: points,
    size: 96,
  });
  await worker.dispose();
  return crops;
}

// Errors the compiler must catch are checked with @ts-expect-error.
export async function misuse(): Promise<void> {
  // @ts-expect-error: thresholds are three numbers
  await createDetector({ thresholds: [0.5, 0.5] });
  // @ts-expect-error: no such build
  await createDetector({ build: 'gpu' });
  const d = await createDetector();
  // @ts-expect-error: a string is not an image
  d.detectFaces('face.png');
  // @ts-expect-error: no such template
  d.alignFaces(new ImageData(1, 1), [], { template: 'square' });
}

export async function videoExample(frames: ImageData[]): Promise<number[]> {
  const detector = await createDetector({
    worker: true,
    video: { fullScanIntervalMs: 250, smoothing: { minCutoff: 0.2, beta: 4 } },
  });
  const ids: number[] = [];
  for (const [i, frame] of frames.entries()) {
    const faces: VideoFace[] | null = await detector.detectForVideo(frame, i * 33);
    if (faces === null) continue; // dropped: a newer frame took its place
    for (const f of faces) ids.push(f.id, f.raw.confidence);
    if (detector.lastTimings?.fullScan) ids.push(-1);
  }
  await detector.resetVideo();
  const video = detector.options.video.smoothing;
  if (video !== false) ids.push(video.minCutoff);
  await detector.dispose();
  return ids;
}

// Node: a folder of photos on a pool of workers, records as they complete.
export async function batchExample(folder: string, signal: AbortSignal): Promise<number> {
  let faces = 0;
  for await (const record of detectFiles([folder], { jobs: 2, minFaceSize: 40, signal })) {
    const r: FileRecord = record;
    if ('faces' in r) faces += r.faces.length;
    else console.error(r.file, r.error.name, r.error.message);
  }
  return faces;
}
