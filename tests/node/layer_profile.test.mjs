// profileLayers: per-layer times and operation counts for the benchmark's efficiency figures.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createDetector, InvalidOption } from '../../web/src/index.js';
import { fixtureImage } from './fixtures.mjs';

describe('layer profile', () => {
  for (const [build, threads] of [
    ['simd', 1],
    ['threads', 2],
  ]) {
    it(`${build} on ${threads} thread(s): every layer timed, results unchanged`, async () => {
      const image = await fixtureImage('ipazc_ivan.png');
      const detector = await createDetector({ build, threads });
      try {
        const plain = detector.detectFaces(image);
        assert.equal(detector.lastLayerTimings, null, 'off by default');
        detector.setOptions({ profileLayers: true });
        assert.deepEqual(detector.detectFaces(image), plain);
        const layers = detector.lastLayerTimings;
        const names = layers.map((l) => l.layer);
        for (const net of ['pnet', 'rnet', 'onet']) {
          for (const layer of ['conv1', 'prelu1+pool1', 'heads', 'softmax'])
            assert.ok(names.includes(`${net}.${layer}`), `${net}.${layer}`);
        }
        assert.equal(new Set(names).size, names.length, 'one entry per layer');
        for (const l of layers) {
          assert.ok(l.ms >= 0 && l.calls >= 1 && l.flops > 0, JSON.stringify(l));
        }
        // R-Net runs on rnetCrops crops: its first convolution did 2*22*22*27*28 + bias per crop.
        const conv1 = layers.find((l) => l.layer === 'rnet.conv1');
        assert.equal(conv1.flops, detector.lastTimings.rnetCrops * 22 * 22 * 28 * (2 * 27 + 1));
        const layerMs = layers.reduce((s, l) => s + l.ms, 0);
        assert.ok(
          layerMs <= detector.lastTimings.total * threads * 1.05,
          `${layerMs} ms of layers in ${detector.lastTimings.total} ms`,
        );
        detector.setOptions({ profileLayers: false });
        detector.detectFaces(image);
        assert.equal(detector.lastLayerTimings, null);
        assert.throws(() => detector.setOptions({ profileLayers: 'yes' }), InvalidOption);
      } finally {
        detector.dispose();
      }
    });
  }

  it('works through a Worker and from createDetector', async () => {
    const image = await fixtureImage('ipazc_ivan.png');
    const detector = await createDetector({ worker: true, profileLayers: true });
    try {
      await detector.detectFaces(image);
      assert.ok(detector.lastLayerTimings.some((l) => l.layer === 'onet.fc5'));
    } finally {
      await detector.dispose();
    }
  });
});
