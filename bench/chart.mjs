// An SVG chart of median latency against image size (megapixels), one line per variant.
//   node bench/chart.mjs RESULTS.json OUT.svg   re-renders the chart of a results file
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

const COLOURS = [
  '#2563eb',
  '#16a34a',
  '#dc2626',
  '#9333ea',
  '#ea580c',
  '#0891b2',
  '#4b5563',
  '#ca8a04',
  '#db2777',
  '#65a30d',
];

/** One series per variant (plain builds left out: they would flatten the rest). */
export function seriesFromResults(results, cases) {
  const at20 = cases.filter((c) => c.minFaceSize === 20);
  const keys = [
    ...new Set(
      results.filter((r) => !r.peer || r.peer === 'face-api').map((r) => `${r.env}|${r.variant}`),
    ),
  ];
  return keys
    .map((key) => {
      const [env, variant] = key.split('|');
      const name = variant.startsWith('face-api')
        ? 'face-api.js MTCNN (Node)'
        : env === 'node'
          ? `${variant.replace(/^wasm /, '')} (Node)`
          : variant;
      const points = at20
        .map((c) => ({
          x: (c.width * c.height) / 1e6,
          y: results.find((r) => r.env === env && r.variant === variant && r.case === c.id)?.median,
        }))
        .filter((p) => p.y);
      return { name, points };
    })
    .filter((s) => s.points.length > 0 && !/plain/.test(s.name));
}

export function latencyChart(
  series,
  { title = 'Median latency vs image size', width = 860, height = 440 } = {},
) {
  const pad = { l: 60, r: 270, t: 40, b: 50 };
  const pts = series.flatMap((s) => s.points);
  const maxX = Math.max(...pts.map((p) => p.x)) * 1.05;
  const maxY = Math.max(...pts.map((p) => p.y)) * 1.1;
  const X = (x) => pad.l + (x / maxX) * (width - pad.l - pad.r);
  const Y = (y) => height - pad.b - (y / maxY) * (height - pad.t - pad.b);
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="${width / 2 - pad.r / 2}" y="22" text-anchor="middle" font-size="15">${title}</text>`,
  ];
  for (let i = 0; i <= 5; i++) {
    const y = (maxY * i) / 5;
    out.push(
      `<line x1="${pad.l}" x2="${width - pad.r}" y1="${Y(y)}" y2="${Y(y)}" stroke="#e5e7eb"/>`,
      `<text x="${pad.l - 6}" y="${Y(y) + 4}" text-anchor="end">${y.toFixed(0)}</text>`,
    );
    const x = (maxX * i) / 5;
    out.push(
      `<text x="${X(x)}" y="${height - pad.b + 16}" text-anchor="middle">${x.toFixed(2)}</text>`,
    );
  }
  out.push(
    `<text x="${(pad.l + width - pad.r) / 2}" y="${height - 12}" text-anchor="middle">megapixels (min_face_size 20)</text>`,
    `<text transform="translate(16 ${(pad.t + height - pad.b) / 2}) rotate(-90)" text-anchor="middle">ms</text>`,
    `<line x1="${pad.l}" x2="${pad.l}" y1="${pad.t}" y2="${height - pad.b}" stroke="#111"/>`,
    `<line x1="${pad.l}" x2="${width - pad.r}" y1="${height - pad.b}" y2="${height - pad.b}" stroke="#111"/>`,
  );
  series.forEach((s, i) => {
    const c = COLOURS[i % COLOURS.length];
    const sorted = [...s.points].sort((a, b) => a.x - b.x);
    out.push(
      `<polyline fill="none" stroke="${c}" stroke-width="2" points="${sorted.map((p) => `${X(p.x).toFixed(1)},${Y(p.y).toFixed(1)}`).join(' ')}"/>`,
    );
    for (const p of sorted)
      out.push(`<circle cx="${X(p.x).toFixed(1)}" cy="${Y(p.y).toFixed(1)}" r="3" fill="${c}"/>`);
    out.push(
      `<rect x="${width - pad.r + 12}" y="${pad.t + i * 20}" width="12" height="12" fill="${c}"/>`,
      `<text x="${width - pad.r + 30}" y="${pad.t + i * 20 + 10}">${s.name}</text>`,
    );
  });
  out.push('</svg>');
  return out.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [input, output] = process.argv.slice(2);
  const { meta, results } = JSON.parse(fs.readFileSync(input, 'utf8'));
  fs.writeFileSync(output, latencyChart(seriesFromResults(results, meta.cases)));
}
