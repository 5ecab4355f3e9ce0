// The package on a page whose Content-Security-Policy allows scripts from its own origin
// and WebAssembly compilation, nothing else (no 'unsafe-eval', no inline script): a
// detector on the page, one in a Worker, and two Workers at once with different options.
import { createDetector } from '/web/src/index.js';

const out = document.getElementById('result');
const violations = [];
document.addEventListener('securitypolicyviolation', (e) =>
  violations.push(`${e.violatedDirective}: ${e.blockedURI}`),
);
const summary = (faces) => faces.map((f) => ({ box: f.box, confidence: f.confidence }));

try {
  const load = async (src) => {
    const img = new Image();
    img.src = src;
    await img.decode();
    return img;
  };
  const astronaut = await load('/tests/fixtures/images/skimage_astronaut.png');
  const family = await load('/tests/fixtures/images/2007_007763.png');
  const threads = crossOriginIsolated ? 2 : 1;
  const r = { crossOriginIsolated, sharedArrayBuffer: typeof SharedArrayBuffer === 'function' };
  const page = await createDetector({ threads });
  r.build = page.build;
  r.page = summary(page.detectFaces(astronaut));
  const familyAt20 = summary(page.detectFaces(family));
  page.setOptions({ minFaceSize: 40 });
  const familyAt40 = summary(page.detectFaces(family));
  page.dispose();

  const a = await createDetector({ worker: true, threads });
  const b = await createDetector({ worker: true, threads, minFaceSize: 40 });
  r.workerBuild = a.build;
  const calls = [];
  for (let i = 0; i < 6; i++) calls.push(a.detectFaces(family), b.detectFaces(family));
  const results = (await Promise.all(calls)).map(summary);
  r.twoWorkersAgree = results.every(
    (faces, i) => JSON.stringify(faces) === JSON.stringify(i % 2 ? familyAt40 : familyAt20),
  );
  r.familyFaces = [familyAt20.length, familyAt40.length];
  r.worker = summary(await a.detectFaces(astronaut));
  await Promise.all([a.dispose(), b.dispose()]);
  r.violations = violations;
  out.textContent = JSON.stringify(r);
} catch (e) {
  out.textContent = JSON.stringify({
    error: `${e.name}: ${e.message}`,
    stack: e.stack,
    violations,
  });
}
