// lastTimings: where a detection's time went, including the thread time the parallel stages
// left unused (pnetIdle, rnetIdle, onetIdle), which the benchmark reports per variant.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createDetector } from '../../web/src/index.js';
import { fixtureImage } from './fixtures.mjs';

const STAGES = ['input', 'pyramid', 'pnet', 'crops', 'rnet', 'onet', 'nms'];
const IDLE = ['pnetIdle', 'rnetIdle', 'onetIdle'];

describe('stage timings', () => {
  for (const [build, threads] of [
    ['simd', 1],
    ['threads', 2],
  ]) {
    it(`${build} on ${threads} thread(s): stages within the total, idle time ${threads > 1 ? 'bounded' : 'zero'}`, async () => {
      const image = await fixtureImage('ipazc_ivan.png');
      const detector = await createDetector({ build, threads });
      try {
        detector.detectFaces(image);
        const t = detector.lastTimings;
        for (const k of [...STAGES, ...IDLE, 'total'])
          assert.ok(Number.isFinite(t[k]) && t[k] >= 0, `${k}: ${t[k]}`);
        assert.ok(t.rnetCrops > 1 && t.onetCrops > 1, 'the chunked crop stages ran');
        const staged = STAGES.reduce((s, k) => s + t[k], 0);
        assert.ok(staged <= t.total * 1.001 + 0.01, `stages ${staged} ms in a ${t.total} ms call`);
        const idle = IDLE.reduce((s, k) => s + t[k], 0);
        if (threads === 1) assert.equal(idle, 0);
        // Unused thread time cannot exceed the threads' time in those stages.
        else
          assert.ok(
            idle <= threads * (t.pyramid + t.pnet + t.crops + t.rnet + t.onet) + 0.01,
            JSON.stringify(t),
          );
      } finally {
        detector.dispose();
      }
    });
  }
});
