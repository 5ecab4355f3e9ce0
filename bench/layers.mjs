// Per-layer times (profileLayers) for the efficiency figures: medians over runs made apart
// from the timed ones, since timing every layer costs a little. Shared by Node and the
// Chromium page.
import { median } from './stats.mjs';

// {totalMs: median end to end of the profiled runs, layers: [{layer, ms, flops}]}.
export function profileLayers(detector, image, minFaceSize, runs) {
  detector.setOptions({ minFaceSize, profileLayers: true });
  detector.detectFaces(image);  // untimed, as the timed runs
  const per = new Map();
  const totals = [];
  for (let i = 0; i < runs; i++) {
    detector.detectFaces(image);
    totals.push(detector.lastTimings.total);
    for (const l of detector.lastLayerTimings) {
      if (!per.has(l.layer)) per.set(l.layer, { ms: [], flops: l.flops });
      per.get(l.layer).ms.push(l.ms);
    }
  }
  detector.setOptions({ profileLayers: false });
  // The end to end time of these same runs: the efficiency compares within them, as the
  // machine's speed drifts between passes.
  return { totalMs: median(totals), layers: [...per].map(([layer, v]) => ({ layer, ms: median(v.ms), flops: v.flops })) };
}

// Per network: summed layer thread time and operations.
export function networkTotals(layers) {
  const nets = {};
  for (const l of layers) {
    const net = l.layer.split('.')[0];
    nets[net] ??= { ms: 0, flops: 0 };
    nets[net].ms += l.ms;
    nets[net].flops += l.flops;
  }
  return nets;
}

export const gflops = (flops, ms) => (ms > 0 ? flops / (ms * 1e6) : 0);
