// The image files a batch covers: each path given, a folder walked recursively for the
// extensions the decoders read. The order is stable across machines and runs (names
// compared by code unit, not by locale), which sharding and resuming rely on.
import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';

export const IMAGE_EXTENSIONS = Object.freeze(['.jpeg', '.jpg', '.png']);

const isImageName = (name) => IMAGE_EXTENSIONS.includes(path.extname(name).toLowerCase());
const byCodeUnit = (a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

// Yields the image files under `dir`, depth first in name order. Folders reached twice
// (through symbolic links) are walked once, so a link cycle ends.
async function* walkFolder(dir, seen) {
  const real = await realpath(dir);
  if (seen.has(real)) return;
  seen.add(real);
  const entries = (await readdir(dir, { withFileTypes: true })).sort(byCodeUnit);
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    let isDir = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      const target = await stat(full).catch(() => null); // a dangling link is skipped
      isDir = target?.isDirectory() ?? false;
      isFile = target?.isFile() ?? false;
    }
    if (isDir) yield* walkFolder(full, seen);
    else if (isFile && isImageName(entry.name)) yield full;
  }
}

/**
 * Every image file among `paths` as {file, rel}: a folder contributes its PNG and JPEG files
 * (recursively, in name order; `rel` is the path below that folder), any other path itself
 * (`rel` its name), whatever its extension or whether it exists (it then gets an error
 * record of its own). A file reached twice is listed once.
 */
export async function listImageEntries(paths) {
  const entries = [];
  const listed = new Set();
  const seenFolders = new Set();
  const add = (file, rel) => {
    const key = path.resolve(file);
    if (listed.has(key)) return;
    listed.add(key);
    entries.push({ file, rel });
  };
  for (const p of paths) {
    const info = await stat(p).catch(() => null);
    if (info?.isDirectory()) {
      for await (const file of walkFolder(p, seenFolders)) add(file, path.relative(p, file));
    } else {
      add(p, path.basename(p));
    }
  }
  return entries;
}

/** The image files among `paths` (listImageEntries' files), in the order a batch takes them. */
export async function listImageFiles(paths) {
  return (await listImageEntries(paths)).map((e) => e.file);
}
