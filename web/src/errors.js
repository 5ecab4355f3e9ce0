// Named error classes: every failure of the public API is one of these, with a message
// saying what was wrong. `instanceof MtcnnError` catches them all.

// Names are spelled out, not taken from the class, so they survive minifiers.
export class MtcnnError extends Error {
  constructor(message, name = 'MtcnnError') {
    super(message);
    this.name = name;
  }
}
/** Not an image: wrong type, dimensions or data length, a detached buffer. */
export class InvalidImage extends MtcnnError {
  constructor(m) {
    super(m, 'InvalidImage');
  }
}
/** An option out of range or of the wrong type. */
export class InvalidOption extends MtcnnError {
  constructor(m) {
    super(m, 'InvalidOption');
  }
}
/** A weights file that is not a valid MTCNN safetensors file. */
export class InvalidWeights extends MtcnnError {
  constructor(m) {
    super(m, 'InvalidWeights');
  }
}
/** The input needs more memory than the detector allows. */
export class ResourceLimit extends MtcnnError {
  constructor(m) {
    super(m, 'ResourceLimit');
  }
}
/** The detector was used after dispose(). */
export class DetectorDisposed extends MtcnnError {
  constructor(m) {
    super(m, 'DetectorDisposed');
  }
}
/** A bug in mtcnn-wasm; please report it. */
export class InternalError extends MtcnnError {
  constructor(m) {
    super(m, 'InternalError');
  }
}

const byName = {
  InvalidImage,
  InvalidOption,
  InvalidWeights,
  ResourceLimit,
  DetectorDisposed,
  InternalError,
};

// Rebuilds a named error that crossed a postMessage as {name, message}.
export function errorFromMessage({ name, message }) {
  const Kind = byName[name];
  if (Kind) return new Kind(message);
  const e = new Error(message);
  e.name = name;
  return e;
}

// The Embind module answers {value} or {error: {name, message}}; unwrap or throw.
export function unwrap(result) {
  if (result.error) {
    const Kind = byName[result.error.name] ?? InternalError;
    throw new Kind(result.error.message);
  }
  return result.value;
}
