// Type declarations for mtcnn-wasm.

export type Point = [x: number, y: number];

export interface Keypoints {
  left_eye: Point;
  right_eye: Point;
  nose: Point;
  mouth_left: Point;
  mouth_right: Point;
}

/** One detected face, in the seed's (ipazc/mtcnn) conventions, unrounded. */
export interface Face {
  /** [x, y, width, height] of the calibrated box (x, y 1-based as in the seed). */
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
}

export interface DetectorOptions extends DetectionOptions {
  /** Threads to compute on (needs the 'threads' build for more than 1). Default 1. */
  threads?: number;
  /** Which WebAssembly build to load. Default 'auto'. */
  build?: 'auto' | Build;
  /** A safetensors weights file (default: the bundled MTCNN weights). */
  weights?: ArrayBuffer | ArrayBufferView | URL | string;
  /** Where the .wasm (and worker) files are served, if not next to the package's files. */
  wasmBase?: URL | string;
}

/** Anything shaped like ImageData: RGBA bytes, width * height * 4 of them. */
export interface ImageDataLike {
  width: number;
  height: number;
  data: Uint8ClampedArray | Uint8Array;
}

export interface StageTimings {
  pyramid: number;
  pnet: number;
  crops: number;
  rnet: number;
  onet: number;
  nms: number;
  total: number;
}

export declare class Detector {
  static create(options?: DetectorOptions): Promise<Detector>;
  /** The WebAssembly build in use. */
  readonly build: Build;
  /** Threads the detector computes on. */
  readonly threads: number;
  /** The current detection options. */
  readonly options: Required<DetectionOptions>;
  /** Per-stage milliseconds of the last detectFaces call. */
  readonly lastTimings: StageTimings;
  /** Faces in the image, highest confidence first. */
  detectFaces(image: ImageDataLike): Face[];
  /** Changes the detection options for later calls; returns the new options. */
  setOptions(options: DetectionOptions): Required<DetectionOptions>;
  /** Frees the WebAssembly memory and stops the threads. */
  dispose(): void;
}

export declare function createDetector(options?: DetectorOptions): Promise<Detector>;

export declare const BUILDS: readonly Build[];
export declare function chooseBuild(requested?: 'auto' | Build): Build;
export declare function simdSupported(): boolean;
export declare function threadsSupported(): boolean;

export declare class MtcnnError extends Error {}
export declare class InvalidImage extends MtcnnError {}
export declare class InvalidOption extends MtcnnError {}
export declare class InvalidWeights extends MtcnnError {}
export declare class ResourceLimit extends MtcnnError {}
export declare class DetectorDisposed extends MtcnnError {}
export declare class InternalError extends MtcnnError {}
