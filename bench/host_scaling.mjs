// How much two threads can gain on this machine at this moment, measured with no shared
// work at all: two single-thread detectors, each in its own Worker, detect on the same
// image at once, against one of them alone. On two free cores the pair takes as long as
// one alone (scaling 2.0); on a shared or oversubscribed host (two vCPUs on one physical
// core's hyperthreads, say) it takes longer. Taken in the same rounds as the two-thread
// runs, it is the ceiling those runs are held to, whatever the code does.
import { createDetector } from '../web/src/index.js';

export async function hostScalingProbe() {
  const pair = [];
  for (let i = 0; i < 2; i++)
    pair.push(await createDetector({ worker: true, build: 'simd', threads: 1 }));
  return {
    // One measurement: (each alone, summed) / (both at once), after an untimed call of
    // each (warm caches, as in the timed runs).
    async measure(image, minFaceSize) {
      const timed = async (f) => {
        const t = performance.now();
        await f();
        return performance.now() - t;
      };
      for (const d of pair) await d.setOptions({ minFaceSize });
      await Promise.all(pair.map((d) => d.detectFaces(image)));
      const alone = [await timed(() => pair[0].detectFaces(image))];
      const both = await timed(() => Promise.all(pair.map((d) => d.detectFaces(image))));
      alone.push(await timed(() => pair[1].detectFaces(image)));
      return { alone, both, scaling: (alone[0] + alone[1]) / both };
    },
    async dispose() {
      for (const d of pair) await d.dispose();
    },
  };
}
