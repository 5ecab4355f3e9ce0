// mtcnn-wasm/node: the package's API plus files and batches, for Node only.
import type { AlignOptions, DetectorOptions, Face, ImageDataLike, Build } from '../index.js';

export * from '../index.js';

/** A batch's result for one file: its faces, or why it could not be done. */
export type FileRecord =
  | { file: string; width: number; height: number; faces: Face[] }
  | { file: string; error: { name: string; message: string } };

export interface DetectFilesOptions extends Omit<DetectorOptions, 'worker'> {
  /** Worker threads, one detector each (each on `threads` threads). Default: the cores. */
  jobs?: number;
  /** Stops the batch at once; the iteration then throws the signal's reason. */
  signal?: AbortSignal;
  /** "i/n" (0 <= i < n): only the files whose path hash falls in shard i of n. */
  shard?: string;
  /** Files not to do, e.g. those a previous run recorded. */
  skip?: Set<string>;
  /** Yield in the files' order instead of as they complete. Default false. */
  ordered?: boolean;
  /** Write each image with its faces drawn as PNG: into this folder, or where this says. */
  drawTo?: string | ((file: string) => string);
  /** Write each face's aligned crop as PNG into this folder, as <image name>_<i>.png. */
  cropsTo?: string;
  /** The crops' template, size and margin (see alignFaces). */
  align?: AlignOptions;
  /** Called once the files are listed and the workers ready, before the first file. */
  onStart?: (info: {
    total: number;
    detector: { build: Build; threads: number; fallback: string | null };
  }) => void;
}

/**
 * The faces of image files and folders (walked recursively for PNG and JPEG, in name
 * order) on a pool of worker threads, one record per file as it is done.
 */
export declare function detectFiles(
  paths: string | string[],
  options?: DetectFilesOptions,
): AsyncIterable<FileRecord>;

/** A PNG or JPEG file's RGBA pixels. */
export declare function readImageFile(path: string): Promise<ImageDataLike>;

/** The files a batch over `paths` covers, in the order it takes them. */
export declare function listImageFiles(paths: string[]): Promise<string[]>;

/** The file name extensions folder walks take (lower case, with the dot). */
export declare const IMAGE_EXTENSIONS: readonly string[];
