// Per-layer times (profileLayers) for the efficiency figures, from profiled runs made one a
// round right after the round's timed ones (timing every layer costs a little, so they are
// not the timed runs), so that a contended minute weighs on them as on the timed runs.
// Shared by Node and the Chromium page.
import { median } from './stats.mjs';

export class LayerSamples {
  #per = new Map();
  #totals = [];

  // One profiled detection of `image` (the detector's options already set for it).
  take(detector, image) {
    detector.setOptions({ profileLayers: true });
    detector.detectFaces(image);
    this.#totals.push(detector.lastTimings.total);
    for (const l of detector.lastLayerTimings) {
      if (!this.#per.has(l.layer)) this.#per.set(l.layer, { ms: [], flops: l.flops });
      this.#per.get(l.layer).ms.push(l.ms);
    }
    detector.setOptions({ profileLayers: false });
  }

  get runs() {
    return this.#totals.length;
  }

  // {totalMs: median end to end of the profiled runs, layers: [{layer, ms, flops}]}: the
  // efficiency compares within these same runs.
  result() {
    return {
      totalMs: median(this.#totals),
      layers: [...this.#per].map(([layer, v]) => ({ layer, ms: median(v.ms), flops: v.flops })),
    };
  }
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
