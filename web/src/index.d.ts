// Type declarations for mtcnn-wasm.

export type Point = [x: number, y: number];

export interface Keypoints {
  left_eye: Point;
  right_eye: Point;
  nose: Point;
  mouth_left: Point;
  mouth_right: Point;
}

/** One detected face, in the reference's (ipazc/mtcnn) conventions, unrounded. */
export interface Face {
  /** [x, y, width, height] of the calibrated box (x, y 1-based as in ipazc/mtcnn). */
  box: [x: number, y: number, width: number, height: number];
  /** O-Net face probability. */
  confidence: number;
  /** Five landmarks, 0-based pixel coordinates. */
  keypoints: Keypoints;
}

export type Build = 'threads' | 'simd' | 'plain';

export interface DetectionOptions {
  /** Smallest face to look for, in pixels (>= 1). Default 20. */
  minFaceSize?: number;
  /** Score thresholds of P-Net, R-Net and O-Net, each in [0, 1]. Default [0.6, 0.7, 0.7]. */
  thresholds?: [number, number, number];
  /** Image pyramid step, in (0, 1). Default 0.709. */
  scaleFactor?: number;
  /**
   * Most working memory one detection may use, in MiB (>= 1, or Infinity). An image that
   * would need more is refused with ResourceLimit before anything is allocated. Default 2048.
   */
  maxMemoryMB?: number;
  /** Time every network layer of each call (lastLayerTimings); off by default. */
  profileLayers?: boolean;
  /**
   * Move each face's landmarks with LNet (det4, the MTCNN authors' refinement network) after
   * O-Net. Needs LNet's weights, loaded when the detector is made with refineLandmarks: true
   * or landmarkWeights. Default false (the reference's results, bit for bit).
   */
  refineLandmarks?: boolean;
  /** Video mode (detectForVideo). */
  video?: VideoOptions;
}

/** Where an aligned crop puts the face. */
export interface AlignOptions {
  /** The crop's side in pixels, 1 to 4096. Default 112 (160 for 'facenet'). */
  size?: number;
  /**
   * 'arcface' (insightface's five points, scaled to the size; the default), 'facenet'
   * (facenet-pytorch's extract_face: the box stretched onto the square) or five [x, y]
   * points in crop pixels, in keypoint order.
   */
  template?: 'arcface' | 'facenet' | [Point, Point, Point, Point, Point];
  /** Crop pixels of context around the template's frame, in [0, size). Default 0. */
  margin?: number;
}

/** An aligned crop: RGBA, alpha 255 (an ImageData where the environment has ImageData). */
export type AlignedFace = ImageDataLike & { data: Uint8ClampedArray };

/** The One Euro filter's parameters (Casiez et al. 2012). */
export interface SmoothingOptions {
  /** Hz, the cutoff of a still face (> 0). Default 0.1. */
  minCutoff?: number;
  /** Hz more per face width per second of speed (>= 0). Default 5. */
  beta?: number;
  /** Hz, the cutoff of the speed estimate (> 0). Default 0.5. */
  dCutoff?: number;
}

export interface VideoOptions {
  /**
   * Most time between full scans of a frame, which find faces that have come in. A face the
   * tracker loses makes its frame scanned at once. Default 500.
   */
  fullScanIntervalMs?: number;
  /** Frames a followed face may go unfound before its track (and id) ends. Default 2. */
  maxMissedFrames?: number;
  /** false, true (the defaults) or One Euro parameters. Default true. */
  smoothing?: boolean | SmoothingOptions;
}

/** A face in video mode: smoothed over time, with its id and the face as found. */
export interface VideoFace extends Face {
  /** The same while the face is followed; never reused by the detector. */
  id: number;
  /** The face as found in this frame, before smoothing. */
  raw: Face;
}

export interface DetectorOptions extends DetectionOptions {
  /** Threads to compute on (needs the 'threads' build for more than 1). Default 1. */
  threads?: number;
  /** Which WebAssembly build to load. Default 'auto'. */
  build?: 'auto' | Build;
  /** A safetensors weights file (default: the bundled MTCNN weights). */
  weights?: ArrayBuffer | ArrayBufferView | URL | string;
  /**
   * LNet's weights (default: the package's weights/lnet.safetensors, loaded only when
   * refineLandmarks is true). Given, they are loaded whatever refineLandmarks is, so that
   * setOptions can turn it on later.
   */
  landmarkWeights?: ArrayBuffer | ArrayBufferView | URL | string;
  /** Where the .wasm (and worker) files are served, if not next to the package's files. */
  wasmBase?: URL | string;
  /** Run the detector in a Worker (worker_threads in Node); every method becomes async. */
  worker?: boolean;
}

/** Anything shaped like ImageData: RGBA bytes, width * height * 4 of them. */
export interface ImageDataLike {
  width: number;
  height: number;
  data: Uint8ClampedArray | Uint8Array;
}

/** What detectFaces accepts: ImageData(-like), or in browsers anything drawable. */
export type ImageSource =
  | ImageDataLike
  | (typeof globalThis extends { HTMLCanvasElement: any } ? HTMLCanvasElement : never)
  | (typeof globalThis extends { OffscreenCanvas: any } ? OffscreenCanvas : never)
  | (typeof globalThis extends { HTMLImageElement: any } ? HTMLImageElement : never)
  | (typeof globalThis extends { HTMLVideoElement: any } ? HTMLVideoElement : never)
  | (typeof globalThis extends { ImageBitmap: any } ? ImageBitmap : never)
  | (typeof globalThis extends { VideoFrame: any } ? VideoFrame : never);

export interface MemoryStats {
  /** Size of the WebAssembly memory. */
  wasmMemoryBytes: number;
  /** Bytes of it that malloc has handed out. */
  heapBytesInUse: number;
  /** The most the heap has ever spanned. */
  heapPeakBytes: number;
}

/**
 * Milliseconds of the last detection per stage. Where two kinds of work interleave on
 * several threads (pyramid bands resized then run through P-Net; crop chunks built then run
 * through R-Net or O-Net), the section's wall time is split in proportion to the threads'
 * time on each.
 */
/** One network layer's share of the last call (summed over its runs and threads). */
export interface LayerTiming {
  /** "pnet.conv1", "onet.fc5", ... */
  layer: string;
  /** Thread time, ms. */
  ms: number;
  /** Floating-point operations (a multiply-add counts two). */
  flops: number;
  calls: number;
}

export interface StageTimings {
  /** Copying the caller's pixels in as packed RGB. */
  input: number;
  pyramid: number;
  pnet: number;
  crops: number;
  rnet: number;
  onet: number;
  nms: number;
  /** Refining landmarks with LNet (refineLandmarks): patches and network. */
  lnet: number;
  total: number;
  /**
   * Thread time the parallel stages left unused, summed over the threads (threads x wall
   * time minus the threads' busy time: uneven shares, late wake-ups, a core taken by
   * another process). Zero on one thread.
   */
  pnetIdle: number;
  rnetIdle: number;
  onetIdle: number;
  /** Work done: pyramid levels, R-Net and O-Net inputs. */
  levels: number;
  rnetCrops: number;
  onetCrops: number;
  /** Faces whose landmarks LNet refined. */
  lnetFaces: number;
  /** Video mode: whether the frame was scanned whole (else only followed faces' windows). */
  fullScan: boolean;
  /** Video mode: faces followed from earlier frames. */
  trackedFaces: number;
}

/** What `options` returns: the detection options in force. */
export interface CurrentOptions {
  minFaceSize: number;
  thresholds: [number, number, number];
  scaleFactor: number;
  maxMemoryMB: number;
  refineLandmarks: boolean;
  video: {
    fullScanIntervalMs: number;
    maxMissedFrames: number;
    smoothing: false | Required<SmoothingOptions>;
  };
}

export declare class Detector {
  static create(options?: DetectorOptions): Promise<Detector>;
  /** The WebAssembly build in use. */
  readonly build: Build;
  /** Threads the detector computes on. */
  readonly threads: number;
  /**
   * Why it runs on fewer threads than asked for (build 'auto' where threads cannot run:
   * no cross-origin isolation, no SharedArrayBuffer, no SIMD), or null.
   */
  readonly fallbackReason: string | null;
  /** The current detection options. */
  readonly options: CurrentOptions;
  /** Per-stage milliseconds of the last detectFaces or detectForVideo call. */
  readonly lastTimings: StageTimings;
  /** With profileLayers on, the last call's layers; null when off. */
  readonly lastLayerTimings: LayerTiming[] | null;
  /** WebAssembly memory in use. */
  readonly memory: MemoryStats;
  /** Faces in the image, highest confidence first. */
  detectFaces(image: ImageSource): Face[];
  /**
   * Faces in a frame of a video stream, each with an id kept while it is followed.
   * Timestamps must increase; one that does not starts a new stream.
   */
  detectForVideo(frame: ImageSource, timestampMs: number): VideoFace[];
  /** Forgets the stream: the next frame is scanned whole and its faces get new ids. */
  resetVideo(): void;
  /**
   * One aligned crop per face: the image warped so the face's keypoints land on the
   * template's points (least-squares similarity), sampled as OpenCV's warpAffine with
   * INTER_LINEAR, black outside the image.
   */
  alignFaces(image: ImageSource, faces: readonly Face[], options?: AlignOptions): AlignedFace[];
  /** Changes the detection options for later calls; returns the new options. */
  setOptions(options: DetectionOptions): CurrentOptions;
  /** Frees the WebAssembly memory and stops the threads. */
  dispose(): void;
}

/** The same detector in a Worker: the calling thread never blocks. */
export declare class WorkerDetector {
  static create(options?: DetectorOptions): Promise<WorkerDetector>;
  readonly build: Build;
  readonly threads: number;
  readonly fallbackReason: string | null;
  readonly options: CurrentOptions;
  /** Per-stage milliseconds of the last detection, null before the first. */
  readonly lastTimings: StageTimings | null;
  readonly lastLayerTimings: LayerTiming[] | null;
  readonly isWorker: true;
  readonly memory: Promise<MemoryStats>;
  /** ImageBitmap and VideoFrame inputs are transferred (closed for the caller). */
  detectFaces(image: ImageSource): Promise<Face[]>;
  /**
   * detectForVideo in the Worker. One frame is computed at a time and one more may wait; a
   * newer frame displaces the waiting one, which resolves with null (dropped).
   */
  detectForVideo(frame: ImageSource, timestampMs: number): Promise<VideoFace[] | null>;
  resetVideo(): Promise<void>;
  alignFaces(
    image: ImageSource,
    faces: readonly Face[],
    options?: AlignOptions,
  ): Promise<AlignedFace[]>;
  setOptions(options: DetectionOptions): Promise<CurrentOptions>;
  /** Ends the Worker; pending calls are rejected with DetectorDisposed. */
  dispose(): Promise<void>;
}

export declare function createDetector(
  options: DetectorOptions & { worker: true },
): Promise<WorkerDetector>;
export declare function createDetector(
  options?: DetectorOptions & { worker?: false },
): Promise<Detector>;

/** RGBA pixels of any accepted image source (ImageData-like inputs are returned as is). */
export declare function toImageData(source: ImageSource): ImageDataLike;

export declare const BUILDS: readonly Build[];
/** The build `createDetector` runs for `build: requested` on `threads` threads (default 1). */
export declare function chooseBuild(requested?: 'auto' | Build, threads?: number): Build;
export declare function simdSupported(): boolean;
export declare function threadsSupported(): boolean;
/** Why the threads build cannot run here (no SharedArrayBuffer, no isolation, no SIMD), or null. */
export declare function threadsUnavailableReason(): string | null;

export declare class MtcnnError extends Error {}
export declare class InvalidImage extends MtcnnError {}
export declare class InvalidOption extends MtcnnError {}
export declare class InvalidWeights extends MtcnnError {}
export declare class ResourceLimit extends MtcnnError {}
export declare class DetectorDisposed extends MtcnnError {}
export declare class InternalError extends MtcnnError {}
