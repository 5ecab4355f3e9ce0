// The part of CanvasRenderingContext2D that drawFaces (draw_faces.js) uses, drawn straight
// into RGBA pixels: so the CLI's --draw needs no native canvas. Shapes are opaque and not
// antialiased; text is a 5x7 bitmap font of the characters a face's label holds.
const GLYPHS = {
  0: ['01110', '10001', '10011', '10101', '11001', '10001', '01110'],
  1: ['00100', '01100', '00100', '00100', '00100', '00100', '01110'],
  2: ['01110', '10001', '00001', '00010', '00100', '01000', '11111'],
  3: ['11110', '00001', '00001', '01110', '00001', '00001', '11110'],
  4: ['00010', '00110', '01010', '10010', '11111', '00010', '00010'],
  5: ['11111', '10000', '11110', '00001', '00001', '10001', '01110'],
  6: ['00110', '01000', '10000', '11110', '10001', '10001', '01110'],
  7: ['11111', '00001', '00010', '00100', '01000', '01000', '01000'],
  8: ['01110', '10001', '10001', '01110', '10001', '10001', '01110'],
  9: ['01110', '10001', '10001', '01111', '00001', '00010', '01100'],
  '.': ['00000', '00000', '00000', '00000', '00000', '01100', '01100'],
  '%': ['11000', '11001', '00010', '00100', '01000', '10011', '00011'],
  '#': ['01010', '01010', '11111', '01010', '11111', '01010', '01010'],
  ' ': ['00000', '00000', '00000', '00000', '00000', '00000', '00000'],
};
const GLYPH_W = 5;
const GLYPH_H = 7;

function parseColour(css) {
  const m = /^#([0-9a-f]{6})$/i.exec(css);
  if (!m) return [0, 0, 0];
  const n = parseInt(m[1], 16);
  return [n >> 16, (n >> 8) & 255, n & 255];
}

export class RasterContext {
  #data;
  #stack = [];
  font = '10px sans-serif';
  fillStyle = '#000000';
  strokeStyle = '#000000';
  lineWidth = 1;
  textBaseline = 'alphabetic';
  #path = [];

  /** Draws into `image` ({width, height, data: RGBA}) in place. */
  constructor(image) {
    this.canvas = { width: image.width, height: image.height };
    this.#data = image.data;
  }

  save() {
    const { font, fillStyle, strokeStyle, lineWidth, textBaseline } = this;
    this.#stack.push({ font, fillStyle, strokeStyle, lineWidth, textBaseline });
  }

  restore() {
    Object.assign(this, this.#stack.pop());
  }

  fillRect(x, y, w, h) {
    this.#rect(x, y, w, h, parseColour(this.fillStyle));
  }

  // An outline lineWidth wide, centred on the rectangle's edges, as a canvas strokes it.
  strokeRect(x, y, w, h) {
    const c = parseColour(this.strokeStyle);
    const t = this.lineWidth;
    this.#rect(x - t / 2, y - t / 2, w + t, t, c);
    this.#rect(x - t / 2, y + h - t / 2, w + t, t, c);
    this.#rect(x - t / 2, y - t / 2, t, h + t, c);
    this.#rect(x + w - t / 2, y - t / 2, t, h + t, c);
  }

  beginPath() {
    this.#path = [];
  }

  // Whole circles only (drawFaces' landmark dots).
  arc(x, y, r) {
    this.#path.push([x, y, r]);
  }

  fill() {
    const c = parseColour(this.fillStyle);
    for (const [cx, cy, r] of this.#path) {
      for (let y = Math.floor(cy - r); y <= Math.ceil(cy + r); y++) {
        for (let x = Math.floor(cx - r); x <= Math.ceil(cx + r); x++) {
          if ((x + 0.5 - cx) ** 2 + (y + 0.5 - cy) ** 2 <= r * r) this.#pixel(x, y, c);
        }
      }
    }
  }

  measureText(text) {
    return { width: text.length * (GLYPH_W + 1) * this.#scale() };
  }

  fillText(text, x, y) {
    const c = parseColour(this.fillStyle);
    const s = this.#scale();
    const top = this.textBaseline === 'bottom' ? y - GLYPH_H * s : y - GLYPH_H * s;
    [...text].forEach((ch, k) => {
      const rows = GLYPHS[ch] ?? GLYPHS[' '];
      rows.forEach((row, gy) => {
        for (let gx = 0; gx < GLYPH_W; gx++) {
          if (row[gx] === '1') this.#rect(x + (k * (GLYPH_W + 1) + gx) * s, top + gy * s, s, s, c);
        }
      });
    });
  }

  // Pixels a glyph's dot takes at the current font size.
  #scale() {
    const px = Number(/(\d+(\.\d+)?)px/.exec(this.font)?.[1] ?? 10);
    return Math.max(1, Math.round(px / (GLYPH_H + 2)));
  }

  #rect(x, y, w, h, c) {
    const x0 = Math.max(0, Math.round(x));
    const y0 = Math.max(0, Math.round(y));
    const x1 = Math.min(this.canvas.width, Math.round(x + w));
    const y1 = Math.min(this.canvas.height, Math.round(y + h));
    for (let py = y0; py < y1; py++) for (let px = x0; px < x1; px++) this.#pixel(px, py, c);
  }

  #pixel(x, y, [r, g, b]) {
    if (x < 0 || y < 0 || x >= this.canvas.width || y >= this.canvas.height) return;
    const i = 4 * (y * this.canvas.width + x);
    this.#data[i] = r;
    this.#data[i + 1] = g;
    this.#data[i + 2] = b;
    this.#data[i + 3] = 255;
  }
}
