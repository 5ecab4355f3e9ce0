// The detection settings form: reads options, keeps the <output>s in step, tells the app.
const $ = (id) => document.getElementById(id);

const RANGES = [
  ['min-face-size', (v) => String(Math.round(v))],
  ['threshold-p', (v) => v.toFixed(2)],
  ['threshold-r', (v) => v.toFixed(2)],
  ['threshold-o', (v) => v.toFixed(2)],
  ['scale-factor', (v) => v.toFixed(3)],
];

export function readOptions() {
  return {
    minFaceSize: Number($('min-face-size').value),
    thresholds: [
      Number($('threshold-p').value),
      Number($('threshold-r').value),
      Number($('threshold-o').value),
    ],
    scaleFactor: Number($('scale-factor').value),
  };
}

export function readThreads() {
  return Number($('threads').value);
}

export function readRefineLandmarks() {
  return $('refine-landmarks').checked;
}

/** Fills the threads select; only 1 when threads are unavailable. */
export function setupThreads(maxThreads, available) {
  const select = $('threads');
  select.replaceChildren();
  const n = available ? Math.max(1, Math.min(maxThreads, 8)) : 1;
  for (let i = 1; i <= n; i++)
    select.append(new Option(String(i), String(i), false, i === Math.min(2, n)));
  select.disabled = n === 1;
}

/**
 * Calls onOptions(options) when a detection setting changes, onThreads(n) for threads and
 * onRefine(on) for landmark refinement (both of which need a new detector).
 */
export function bindControls({ onOptions, onThreads, onRefine }) {
  for (const [id, format] of RANGES) {
    const input = $(id);
    const out = $(`${id}-out`);
    input.addEventListener('input', () => {
      out.textContent = format(Number(input.value));
      onOptions(readOptions());
    });
  }
  $('threads').addEventListener('change', () => onThreads(readThreads()));
  $('refine-landmarks').addEventListener('change', () => onRefine(readRefineLandmarks()));
}
