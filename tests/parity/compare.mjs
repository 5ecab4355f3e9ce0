// Order-insensitive comparison of detections with golden outputs, as SPEC.md's parity bar
// counts it: faces paired per image greedily by IoU >= 0.5 on the unrounded boxes, highest
// confidence first (the same pairing as ../shared/reference/eval.py --compare).

function iou(a, b) {
  const ix = Math.max(0, Math.min(a[0] + a[2], b[0] + b[2]) - Math.max(a[0], b[0]));
  const iy = Math.max(0, Math.min(a[1] + a[3], b[1] + b[3]) - Math.max(a[1], b[1]));
  const inter = ix * iy;
  const union = a[2] * a[3] + b[2] * b[3] - inter;
  return union > 0 ? inter / union : 0;
}

const boxOf = (f) => f.box_float ?? f.box;
const keypointsOf = (f) => f.keypoints_float ?? f.keypoints;

// The largest coordinate difference between two faces' five keypoints (Infinity when one
// lacks a keypoint the other has).
function keypointDelta(a, b) {
  const ka = keypointsOf(a);
  const kb = keypointsOf(b);
  let d = 0;
  for (const name of Object.keys(ka)) {
    if (!kb?.[name]) return Infinity;
    d = Math.max(d, Math.abs(ka[name][0] - kb[name][0]), Math.abs(ka[name][1] - kb[name][1]));
  }
  return d;
}

// golden, port: {imageKey: {faces: [...]}} (faces with box_float or box, confidence).
export function compareFaces(golden, port) {
  const res = { golden: 0, port: 0, matched: 0, deltas: [], unmatched: [] };
  for (const key of new Set([...Object.keys(golden), ...Object.keys(port)])) {
    const a = golden[key]?.faces ?? [];
    const b = port[key]?.faces ?? [];
    res.golden += a.length;
    res.port += b.length;
    const used = new Array(b.length).fill(false);
    const order = a.map((_, i) => i).sort((i, j) => a[j].confidence - a[i].confidence);
    for (const i of order) {
      let best = -1;
      let bestIou = 0;
      for (let j = 0; j < b.length; j++) {
        if (used[j]) continue;
        const v = iou(boxOf(a[i]), boxOf(b[j]));
        if (v >= 0.5 && v > bestIou) {
          best = j;
          bestIou = v;
        }
      }
      if (best < 0) {
        res.unmatched.push({ image: key, side: 'golden', face: a[i] });
        continue;
      }
      used[best] = true;
      res.matched++;
      const ba = boxOf(a[i]);
      const bb = boxOf(b[best]);
      const ca = [ba[0], ba[1], ba[0] + ba[2], ba[1] + ba[3]];
      const cb = [bb[0], bb[1], bb[0] + bb[2], bb[1] + bb[3]];
      const dbox = Math.max(...ca.map((v, k) => Math.abs(v - cb[k])));
      const dconf = Math.abs(a[i].confidence - b[best].confidence);
      const dlandmark = keypointDelta(a[i], b[best]);
      res.deltas.push({ image: key, dbox, dconf, dlandmark });
    }
    b.forEach((f, j) => {
      if (!used[j]) res.unmatched.push({ image: key, side: 'port', face: f });
    });
  }
  return res;
}

// Pools comparisons and applies the bar: SPEC.md's on boxes and confidences, held to the
// landmarks as well (each of the ten coordinates within 0.01 px on 99% of matched faces,
// all within 1.5 px).
export function summarize(comparisons) {
  let golden = 0;
  let port = 0;
  let matched = 0;
  let withinBar = 0;
  let maxDbox = null;
  let maxDconf = null;
  let maxDlandmark = null;
  for (const c of comparisons) {
    golden += c.golden;
    port += c.port;
    matched += c.matched;
    for (const d of c.deltas) {
      if (d.dconf <= 1e-4 && d.dbox <= 0.01 && d.dlandmark <= 0.01) withinBar++;
      maxDbox = Math.max(maxDbox ?? 0, d.dbox);
      maxDconf = Math.max(maxDconf ?? 0, d.dconf);
      maxDlandmark = Math.max(maxDlandmark ?? 0, d.dlandmark);
    }
  }
  const matchedFractionGolden = golden ? matched / golden : 1;
  const matchedFractionPort = port ? matched / port : 1;
  const withinBarFraction = matched ? withinBar / matched : 1;
  const pass =
    matchedFractionGolden >= 0.995 &&
    matchedFractionPort >= 0.995 &&
    withinBarFraction >= 0.99 &&
    (maxDbox ?? 0) <= 1.5 &&
    (maxDlandmark ?? 0) <= 1.5;
  return {
    golden,
    port,
    matched,
    withinBar,
    maxDbox,
    maxDconf,
    maxDlandmark,
    matchedFractionGolden,
    matchedFractionPort,
    withinBarFraction,
    pass,
  };
}
