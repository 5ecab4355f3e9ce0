// Small statistics and formatting helpers for the benchmark.
export const median = (a) =>
  a.length ? [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)] : null;
export const p90 = (a) => {
  if (!a.length) return null;
  const s = [...a].sort((x, y) => x - y);
  return s[Math.min(s.length - 1, Math.floor(0.9 * s.length))];
};
export const fmt = (v, digits = 1) =>
  v === null || v === undefined ? '–' : Number(v).toFixed(digits);
