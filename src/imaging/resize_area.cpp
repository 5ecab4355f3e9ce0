#include "imaging/resize_area.h"

#include <algorithm>
#include <cfloat>
#include <climits>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <type_traits>
#include <vector>

#include "imaging/widen.h"

#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
#endif

namespace mtcnn {
namespace {

// One entry of OpenCV's computeResizeAreaTab: dst index, src index, weight (float32).
struct AreaTap {
  int dst;
  int src;
  float weight;
};

// Into *tab (cleared first), so that callers can keep one table per thread.
void AreaTable(int ssize, int dsize, double scale, std::vector<AreaTap>* tab) {
  tab->clear();
  // At most one tap per source pixel plus one more per destination pixel: reserved once,
  // the table never grows tap by tap.
  tab->reserve(static_cast<size_t>(ssize) + 2 * static_cast<size_t>(dsize));
  for (int dx = 0; dx < dsize; ++dx) {
    const double fsx1 = dx * scale;
    const double fsx2 = fsx1 + scale;
    const double cell_width = std::min(scale, ssize - fsx1);
    int sx1 = static_cast<int>(std::ceil(fsx1));
    int sx2 = static_cast<int>(std::floor(fsx2));
    sx2 = std::min(sx2, ssize - 1);
    sx1 = std::min(sx1, sx2);
    if (sx1 - fsx1 > 1e-3)
      tab->push_back({dx, sx1 - 1, static_cast<float>((sx1 - fsx1) / cell_width)});
    for (int sx = sx1; sx < sx2; ++sx)
      tab->push_back({dx, sx, static_cast<float>(1.0 / cell_width)});
    if (fsx2 - sx2 > 1e-3) {
      tab->push_back(
          {dx, sx2,
           static_cast<float>(std::min(std::min(fsx2 - sx2, 1.0), cell_width) / cell_width)});
    }
  }
}

// cvRound / saturate_cast<uchar>: round half to even (the default FP rounding mode), clamp.
uint8_t SaturateU8(double v) {
  const double r = std::nearbyint(v);
  return static_cast<uint8_t>(std::min(255.0, std::max(0.0, r)));
}

// Accumulator type: float32 for uint8 images, float64 for float64 images (OpenCV's WT).
template <typename T>
struct AreaAccum;
template <>
struct AreaAccum<uint8_t> {
  using type = float;
};
template <>
struct AreaAccum<double> {
  using type = double;
};

// A destination row of sums stored as T. (Rounding byte by byte in scalars would take
// about half of a pyramid level's time in WebAssembly.)
void StoreRow(const double* sum, size_t n, double* out) noexcept { std::copy(sum, sum + n, out); }
void StoreRow(const float* sum, size_t n, uint8_t* out) noexcept {
  size_t i = 0;
#if defined(__wasm_simd128__)
  // SaturateU8 sixteen at a time: round half to even in float (the sums are floats, so
  // rounding them as doubles gives the same integers), convert, and narrow with
  // saturation, which clamps to [0, 255] as the scalar code does.
  for (; i + 16 <= n; i += 16) {
    v128_t q[4];
    for (int k = 0; k < 4; ++k)
      q[k] = wasm_i32x4_trunc_sat_f32x4(wasm_f32x4_nearest(wasm_v128_load(sum + i + 4 * k)));
    const v128_t lo = wasm_i16x8_narrow_i32x4(q[0], q[1]), hi = wasm_i16x8_narrow_i32x4(q[2], q[3]);
    wasm_v128_store(out + i, wasm_u8x16_narrow_i16x8(lo, hi));
  }
#endif
  for (; i < n; ++i) out[i] = SaturateU8(sum[i]);
}

// Two passes: every source row's horizontal sums once (rows the vertical taps use), then
// each destination row as the tap-ordered sum of those. The arithmetic per output value is
// OpenCV's (same operations, same order); only the work is shared between rows.
//
// The per-row functions are noexcept and allocate nothing (their scratch is sized up
// front): under Emscripten's JavaScript-emulated C++ exceptions, every call that may throw
// from a scope with destructors to run goes through a JavaScript trampoline, which per
// row cost more than the arithmetic.
template <typename T>
struct AreaJob {
  using WT = typename AreaAccum<T>::type;
  int channels;
  PackedImage<T>* dst;
  const int* xfirst;  // the horizontal taps, grouped (ColumnTaps)
  const int* xoffset;
  const WT* xweight;
  const AreaTap* ytab;
  const size_t* yfirst;  // per dst row, its first entry in ytab (+ sentinel)
  WT* rows;              // [src rows of the band][dw * c] horizontal sums (+ 1 padding)
  WT* sum;               // [dw * c] one destination row's vertical sums
  float* wide;           // uint8 only: one source row widened to float (sw * c + 1)
  int sw;
  int dw;
  size_t first_src_row;  // the band's first source row (rows[0])
  size_t first_dst_row;  // the band's first destination row
  int dst_row0;          // the destination row dst->Row(0) holds
};

// Destination columns in groups of kGroupColumns, each group's taps padded to the count
// of its longest column with zero-weight taps on a valid source element (OpenCV's table
// order, padding last). A sum starts at +0 and adding s * 0 (+0 or -0 for any finite s)
// leaves it bit for bit unchanged, so padded sums are OpenCV's. Equal counts within a
// group are what let AreaHorizontalRgb sum its columns side by side. Entries of group g
// are at first[g] + k * kGroupColumns + j for tap k of its column j.
constexpr int kGroupColumns = 4;

template <typename WT>
struct ColumnTaps {
  std::vector<int> first;   // per group, its first entry (+ sentinel)
  std::vector<int> offset;  // source element of each tap (src column * channels)
  std::vector<WT> weight;   // weight of each tap, 0 for padding
};

template <typename WT>
void GroupColumnTaps(const std::vector<AreaTap>& tab, int dw, int channels, ColumnTaps<WT>* taps) {
  const int groups = (dw + kGroupColumns - 1) / kGroupColumns;
  // A column's taps are contiguous in the table: where each starts, then each group's size.
  static thread_local std::vector<int> start;
  start.assign(dw + 1, static_cast<int>(tab.size()));
  for (size_t k = tab.size(); k-- > 0;) start[tab[k].dst] = static_cast<int>(k);
  taps->first.resize(groups + 1);
  taps->first[0] = 0;
  for (int g = 0; g < groups; ++g) {
    int longest = 1;
    for (int dx = g * kGroupColumns; dx < std::min(dw, (g + 1) * kGroupColumns); ++dx) {
      longest = std::max(longest, start[dx + 1] - start[dx]);
    }
    taps->first[g + 1] = taps->first[g] + longest * kGroupColumns;
  }
  taps->offset.assign(taps->first[groups], 0);
  taps->weight.assign(taps->first[groups], WT(0));
  for (int dx = 0; dx < dw; ++dx) {
    const int g = dx / kGroupColumns, j = dx % kGroupColumns;
    const int longest = (taps->first[g + 1] - taps->first[g]) / kGroupColumns;
    for (int k = 0; k < longest; ++k) {
      const int at = taps->first[g] + k * kGroupColumns + j;
      const bool real = start[dx] + k < start[dx + 1];
      const AreaTap& t = tab[real ? start[dx] + k : start[dx]];
      taps->offset[at] = t.src * channels;
      if (real) taps->weight[at] = static_cast<WT>(t.weight);
    }
  }
}

template <typename T, typename WT>
void AreaHorizontalAny(const AreaJob<T>& job, const T* row, WT* buf) noexcept {
  const int c = job.channels;
  for (int dx = 0; dx < job.dw; ++dx) {
    const int g = dx / kGroupColumns, j = dx % kGroupColumns;
    const int first = job.xfirst[g], end = job.xfirst[g + 1];
    for (int ch = 0; ch < c; ++ch) {
      WT acc = 0;
      for (int at = first + j; at < end; at += kGroupColumns) {
        acc = acc + static_cast<WT>(row[job.xoffset[at] + ch]) * job.xweight[at];
      }
      buf[dx * c + ch] = acc;
    }
  }
}

// A pixel's three channels and the next value, as the kernel below takes them: copied when
// the row is already in the accumulator type; converted from bytes for the crops' float64
// sums, which read the window's bytes directly instead of a float64 copy of each row (the
// copy cost more than the sums: every window byte is widened, while a shrinking window has
// about one tap per pixel).
template <typename Vec, typename WT>
inline void LoadPixel(const WT* p, Vec* s) noexcept {
  constexpr int kPerVec = 16 / sizeof(WT);
  for (int v = 0; v < 4 / kPerVec; ++v) std::memcpy(&s[v], p + v * kPerVec, sizeof(Vec));
}

template <typename Vec>
inline void LoadPixel(const uint8_t* p, Vec* s) noexcept {
  static_assert(sizeof(s[0][0]) == sizeof(double), "bytes are read only for float64 sums");
#if defined(__wasm_simd128__)
  const v128_t ints =
      wasm_u32x4_extend_low_u16x8(wasm_u16x8_extend_low_u8x16(wasm_v128_load32_zero(p)));
  const v128_t lo = wasm_f64x2_convert_low_i32x4(ints);
  const v128_t hi = wasm_f64x2_convert_low_i32x4(wasm_i32x4_shuffle(ints, ints, 2, 3, 2, 3));
  std::memcpy(&s[0], &lo, sizeof lo);
  std::memcpy(&s[1], &hi, sizeof hi);
#else
  s[0] = Vec{static_cast<double>(p[0]), static_cast<double>(p[1])};
  s[1] = Vec{static_cast<double>(p[2]), static_cast<double>(p[3])};
#endif
}

// The RGB case with a pixel's three channels in four lanes of 16-byte vectors (SIMD in the
// SIMD builds, scalar code in the plain one): lane by lane the same multiply, then add,
// in the same tap order as above, so the same bits. A column's sum is a chain of dependent
// adds, bound by the add's latency, so a group's columns are summed side by side to
// overlap their chains. `row` is the source row, in the accumulator type or (float64 sums
// only) as bytes, with one readable element past its end; each store writes one lane too
// many, into the next column (written next) or the padding after the last row.
template <typename T, typename WT, typename R>
void AreaHorizontalRgb(const AreaJob<T>& job, const R* row, WT* buf) noexcept {
  typedef WT Vec __attribute__((vector_size(16)));
  constexpr int kPerVec = 16 / sizeof(WT);
  constexpr int kVecs = 4 / kPerVec;
  const auto add_tap = [&](int at, Vec* acc) {
    const R* p = row + job.xoffset[at];
    const WT a = job.xweight[at];
    Vec s[kVecs];
    LoadPixel(p, s);
    for (int v = 0; v < kVecs; ++v) acc[v] = acc[v] + s[v] * a;
  };
  // Four accumulator vectors at a time: four float columns, or two float64 ones (eight
  // made x86-64 spill registers).
  constexpr int kSideBySide = 4 / kVecs;
  const int full_groups = job.dw / kGroupColumns;
  for (int g = 0; g < full_groups; ++g) {
    for (int j0 = 0; j0 < kGroupColumns; j0 += kSideBySide) {
      Vec acc[kSideBySide][kVecs] = {};
      for (int at = job.xfirst[g] + j0; at < job.xfirst[g + 1]; at += kGroupColumns) {
        for (int j = 0; j < kSideBySide; ++j) add_tap(at + j, acc[j]);
      }
      for (int j = 0; j < kSideBySide; ++j) {
        std::memcpy(buf + (g * kGroupColumns + j0 + j) * 3, acc[j], sizeof acc[j]);
      }
    }
  }
  for (int dx = full_groups * kGroupColumns; dx < job.dw; ++dx) {
    const int j = dx % kGroupColumns;
    Vec acc[kVecs] = {};
    for (int at = job.xfirst[full_groups] + j; at < job.xfirst[full_groups + 1];
         at += kGroupColumns)
      add_tap(at, acc);
    std::memcpy(buf + dx * 3, acc, sizeof acc);
  }
}

// uint8 rows are widened to float first (OpenCV converts each element to the accumulator
// type before multiplying, so this changes no value).
void AreaHorizontal(const AreaJob<uint8_t>& job, const uint8_t* row, size_t sy) noexcept {
  float* buf = job.rows + sy * job.dw * job.channels;
  if (job.channels != 3) return AreaHorizontalAny(job, row, buf);
  const size_t n = static_cast<size_t>(job.sw) * 3;
  WidenToFloat(row, n, job.wide);
  job.wide[n] = 0;
  AreaHorizontalRgb(job, job.wide, buf);
}

// float64 rows come with their padding element (see the row sources below).
void AreaHorizontal(const AreaJob<double>& job, const double* row, size_t sy) noexcept {
  double* buf = job.rows + sy * job.dw * job.channels;
  if (job.channels == 3)
    AreaHorizontalRgb(job, row, buf);
  else
    AreaHorizontalAny(job, row, buf);
}

// A float64 image's RGB row given as its bytes (streamed crop windows, whose samples are
// bytes), with one readable byte past its end: the same values, summed in float64.
void AreaHorizontal(const AreaJob<double>& job, const uint8_t* row, size_t sy) noexcept {
  AreaHorizontalRgb(job, row, job.rows + sy * job.dw * 3);
}

template <typename T>
void AreaVertical(const AreaJob<T>& job, size_t band_row) noexcept {
  using WT = typename AreaAccum<T>::type;
  const size_t dy = job.first_dst_row + band_row;  // in the whole destination
  const size_t n = static_cast<size_t>(job.dw) * job.channels;
  WT* sum = job.sum;
  std::fill(sum, sum + n, WT(0));
  // Rows outer, elements inner: every element still adds its taps in table order.
  for (size_t k = job.yfirst[dy]; k < job.yfirst[dy + 1]; ++k) {
    const WT b = static_cast<WT>(job.ytab[k].weight);
    const WT* r = job.rows + (job.ytab[k].src - job.first_src_row) * n;
    for (size_t i = 0; i < n; ++i) sum[i] = sum[i] + b * r[i];
  }
  T* out = job.dst->Row(static_cast<int>(dy) - job.dst_row0);
  StoreRow(sum, n, out);
}

constexpr double kBandSourceRows = 256;
constexpr size_t kKeptScratchElements = size_t{1} << 20;

// Rows [row0, row1) of the dw x dh result; src_row(y), noexcept, gives source row y (a
// float64 row with one readable element past its end). Runs on the calling thread
// (callers run whole bands or crops on pool threads, hence the per-thread scratch).
template <typename T, typename RowFn>
void ResizeAreaGeneric(int sw, int sh, int channels, const RowFn& src_row, int dw, int dh, int row0,
                       int row1, double scale_x, double scale_y, PackedImage<T>* dst) {
  static_assert(noexcept(src_row(0)),
                "the row source runs per row in the hot loop: it must not throw");
  using WT = typename AreaAccum<T>::type;
  // Per-thread tables, reused call after call (a crop stage resizes hundreds of windows).
  static thread_local ColumnTaps<WT> xtaps;
  static thread_local std::vector<AreaTap> xtab, ytab;
  static thread_local std::vector<size_t> yfirst;
  AreaTable(sw, dw, scale_x, &xtab);
  GroupColumnTaps(xtab, dw, channels, &xtaps);
  AreaTable(sh, dh, scale_y, &ytab);
  yfirst.assign(dh + 1, ytab.size());
  for (size_t k = ytab.size(); k-- > 0;) yfirst[ytab[k].dst] = k;
  // The destination rows go in bands whose source rows' horizontal sums fit a bounded
  // buffer (kBandSourceRows rows), so a huge image needs no full-size intermediate. A
  // source row shared by two bands is summed again, identically.
  const int band = std::max(1, static_cast<int>(kBandSourceRows / scale_y));
  static thread_local std::vector<WT> rows, sum;
  static thread_local std::vector<float> wide;
  sum.resize(static_cast<size_t>(dw) * channels);
  if (std::is_same_v<T, uint8_t>) wide.resize(static_cast<size_t>(sw) * channels + 1);
  AreaJob<T> job{channels,
                 dst,
                 xtaps.first.data(),
                 xtaps.offset.data(),
                 xtaps.weight.data(),
                 ytab.data(),
                 yfirst.data(),
                 nullptr,
                 sum.data(),
                 wide.data(),
                 sw,
                 dw,
                 0,
                 0,
                 row0};
  // The horizontal sums are kept for the largest band this destination width can have
  // (kBandSourceRows source rows plus the two a band's ends reach into), not just for this
  // source, where that stays small: a crop stage's threads take windows in no fixed order,
  // and sums that grew with the tallest window a thread happened to take made the heap
  // depend on which thread took which window.
  const size_t full_band = (static_cast<size_t>(kBandSourceRows) + 2) * dw * channels + 1;
  const size_t at_least = full_band <= kKeptScratchElements ? full_band : 0;
  for (int d0 = row0; d0 < row1; d0 += band) {
    const int d1 = std::min(row1, d0 + band);
    const size_t s0 = ytab[yfirst[d0]].src, s1 = ytab[yfirst[d1] - 1].src + 1;
    rows.resize(std::max(
        {rows.size(), (s1 - s0) * dw * channels + 1, at_least}));  // + the last store's extra lane
    job.rows = rows.data();
    job.first_src_row = s0;
    job.first_dst_row = static_cast<size_t>(d0);
    for (size_t row = 0; row < s1 - s0; ++row)
      AreaHorizontal(job, src_row(static_cast<int>(s0 + row)), row);
    for (size_t row = 0; row < static_cast<size_t>(d1 - d0); ++row) AreaVertical<T>(job, row);
  }
  // Do not hoard after a huge image.
  if (rows.size() > kKeptScratchElements) std::vector<WT>().swap(rows);
  if (sum.size() > kKeptScratchElements) std::vector<WT>().swap(sum);
  if (wide.size() > kKeptScratchElements) std::vector<float>().swap(wide);
  if (xtaps.offset.size() > kKeptScratchElements) xtaps = ColumnTaps<WT>();
  if (xtab.size() > kKeptScratchElements) std::vector<AreaTap>().swap(xtab);
  if (ytab.size() > kKeptScratchElements) std::vector<AreaTap>().swap(ytab);
  if (yfirst.size() > kKeptScratchElements) std::vector<size_t>().swap(yfirst);
}

void ResizeAreaFast(const ImageU8& src, int dw, int row0, int row1, int ix, int iy, ImageU8* dst) {
  const int c = src.channels;
  const int area = ix * iy;
  const bool half_up_2x2 = ix == 2 && iy == 2 && (c == 1 || c == 3 || c == 4);
  const float scale = 1.0f / static_cast<float>(area);
  for (int dy = row0; dy < row1; ++dy) {
    uint8_t* out = dst->Row(dy - row0);
    for (int dx = 0; dx < dw; ++dx) {
      for (int ch = 0; ch < c; ++ch) {
        int64_t s = 0;
        for (int sy = 0; sy < iy; ++sy) {
          const uint8_t* row = src.Row(dy * iy + sy);
          for (int sx = 0; sx < ix; ++sx) s += row[(dx * ix + sx) * c + ch];
        }
        out[dx * c + ch] = half_up_2x2 ? static_cast<uint8_t>((s + 2) >> 2)
                                       : SaturateU8(static_cast<float>(s) * scale);
      }
    }
  }
}

void ResizeAreaFast(const ImageF64& src, int dw, int row0, int row1, int ix, int iy,
                    ImageF64* dst) {
  const int c = src.channels;
  const int area = ix * iy;
  const double scale = static_cast<double>(1.0f / static_cast<float>(area));
  std::vector<double> elems(area);
  for (int dy = row0; dy < row1; ++dy) {
    double* out = dst->Row(dy - row0);
    for (int dx = 0; dx < dw; ++dx) {
      for (int ch = 0; ch < c; ++ch) {
        int k = 0;
        for (int sy = 0; sy < iy; ++sy) {
          const double* row = src.Row(dy * iy + sy);
          for (int sx = 0; sx < ix; ++sx) elems[k++] = row[(dx * ix + sx) * c + ch];
        }
        // OpenCV unrolls the block sum by four: s += ((e0 + e1) + e2) + e3.
        double s = 0;
        k = 0;
        for (; k <= area - 4; k += 4)
          s = s + (((elems[k] + elems[k + 1]) + elems[k + 2]) + elems[k + 3]);
        for (; k < area; ++k) s = s + elems[k];
        out[dx * c + ch] = s * scale;
      }
    }
  }
}

// Source index and float32 fraction per destination index for the upscaling path.
struct LinearTaps {
  std::vector<int> src;
  std::vector<float> frac;
  int xmax;  // from here on the right edge is replicated (horizontal axis only)
};

// Into *taps, whose vectors callers keep per thread (a crop stage resizes hundreds of
// windows).
void LinearCoefficients(int ssize, int dsize, double scale, double inv_scale, bool clamp_edge,
                        LinearTaps* taps) {
  LinearTaps& t = *taps;
  t.src.resize(dsize);
  t.frac.resize(dsize);
  t.xmax = dsize;
  for (int d = 0; d < dsize; ++d) {
    int s = static_cast<int>(std::floor(d * scale));
    float f = static_cast<float>((d + 1) - (s + 1) * inv_scale);
    f = f <= 0 ? 0.0f : f - static_cast<float>(std::floor(f));
    if (clamp_edge) {
      if (s < 0) {
        f = 0;
        s = 0;
      }
      if (s + 1 >= ssize) {
        t.xmax = std::min(t.xmax, d);
        if (s >= ssize - 1) {
          f = 0;
          s = ssize - 1;
        }
      }
    }
    t.src[d] = s;
    t.frac[d] = f;
  }
}

// Scratch of the linear resizes, kept per thread and dropped after a huge image.
template <typename Row>
struct LinearScratch {
  LinearTaps xt, yt;
  std::vector<Row> r0, r1;
  void Trim(size_t kept) {
    if (xt.src.size() + yt.src.size() + r0.size() + r1.size() > kept) *this = LinearScratch();
  }
};

constexpr int kCoefBits = 11;
constexpr int kCoefScale = 1 << kCoefBits;

void ResizeLinear(const ImageU8& src, int dw, int dh, int row0, int row1, double scale_x,
                  double scale_y, double inv_x, double inv_y, ImageU8* dst) {
  const int w = src.width, h = src.height, c = src.channels;
  static thread_local LinearScratch<int64_t> scratch;
  static thread_local std::vector<int64_t> a0, a1;
  LinearTaps& xt = scratch.xt;
  LinearTaps& yt = scratch.yt;
  LinearCoefficients(w, dw, scale_x, inv_x, true, &xt);
  LinearCoefficients(h, dh, scale_y, inv_y, false, &yt);
  a0.resize(dw);
  a1.resize(dw);
  for (int dx = 0; dx < dw; ++dx) {
    a0[dx] =
        static_cast<int64_t>(std::nearbyint((1.0f - xt.frac[dx]) * static_cast<float>(kCoefScale)));
    a1[dx] = static_cast<int64_t>(std::nearbyint(xt.frac[dx] * static_cast<float>(kCoefScale)));
  }
  std::vector<int64_t>& r0 = scratch.r0;
  std::vector<int64_t>& r1 = scratch.r1;
  r0.resize(static_cast<size_t>(dw) * c);
  r1.resize(static_cast<size_t>(dw) * c);
  auto horizontal = [&](int sy, std::vector<int64_t>* r) {
    const uint8_t* row = src.Row(std::min(std::max(sy, 0), h - 1));
    for (int dx = 0; dx < dw; ++dx) {
      const int sx = xt.src[dx];
      const int sx1 = std::min(sx + 1, w - 1);
      for (int ch = 0; ch < c; ++ch) {
        (*r)[dx * c + ch] = dx < xt.xmax ? row[sx * c + ch] * a0[dx] + row[sx1 * c + ch] * a1[dx]
                                         : row[sx * c + ch] * static_cast<int64_t>(kCoefScale);
      }
    }
  };
  for (int dy = row0; dy < row1; ++dy) {
    const int64_t b0 =
        static_cast<int64_t>(std::nearbyint((1.0f - yt.frac[dy]) * static_cast<float>(kCoefScale)));
    const int64_t b1 =
        static_cast<int64_t>(std::nearbyint(yt.frac[dy] * static_cast<float>(kCoefScale)));
    horizontal(yt.src[dy], &r0);
    horizontal(yt.src[dy] + 1, &r1);
    uint8_t* out = dst->Row(dy - row0);
    for (size_t i = 0; i < r0.size(); ++i) {
      // OpenCV's VResizeLinear<uchar, int, short, FixedPtCast<int, uchar, 22>>.
      const int64_t v = (((b0 * (r0[i] >> 4)) >> 16) + ((b1 * (r1[i] >> 4)) >> 16) + 2) >> 2;
      out[i] = static_cast<uint8_t>(std::min<int64_t>(255, std::max<int64_t>(0, v)));
    }
  }
  scratch.Trim(kKeptScratchElements);
  if (a0.size() > kKeptScratchElements) {
    std::vector<int64_t>().swap(a0);
    std::vector<int64_t>().swap(a1);
  }
}

void ResizeLinear(const ImageF64& src, int dw, int dh, int row0, int row1, double scale_x,
                  double scale_y, double inv_x, double inv_y, ImageF64* dst) {
  const int w = src.width, h = src.height, c = src.channels;
  static thread_local LinearScratch<double> scratch;
  static thread_local std::vector<int> off0, off1;
  static thread_local std::vector<double> a0, a1;
  LinearTaps& xt = scratch.xt;
  LinearTaps& yt = scratch.yt;
  LinearCoefficients(w, dw, scale_x, inv_x, true, &xt);
  LinearCoefficients(h, dh, scale_y, inv_y, false, &yt);
  // The horizontal taps once per image rather than per row: the two source elements of
  // each destination column (up to xmax; past it the edge element alone) and their weights.
  off0.resize(dw);
  off1.resize(dw);
  a0.resize(dw);
  a1.resize(dw);
  for (int dx = 0; dx < dw; ++dx) {
    off0[dx] = xt.src[dx] * c;
    off1[dx] = std::min(xt.src[dx] + 1, w - 1) * c;
    a0[dx] = static_cast<double>(1.0f - xt.frac[dx]);
    a1[dx] = static_cast<double>(xt.frac[dx]);
  }
  const int xmax = std::min(xt.xmax, dw);
  std::vector<double>& r0 = scratch.r0;
  std::vector<double>& r1 = scratch.r1;
  r0.resize(static_cast<size_t>(dw) * c);
  r1.resize(static_cast<size_t>(dw) * c);
  const auto horizontal = [&](int sy, double* r) {
    const double* row = src.Row(std::min(std::max(sy, 0), h - 1));
    if (c == 3) {  // the crops' case, with the channel loop unrolled at compile time
      for (int dx = 0; dx < xmax; ++dx) {
        const double* p = row + off0[dx];
        const double* q = row + off1[dx];
        for (int ch = 0; ch < 3; ++ch) r[dx * 3 + ch] = p[ch] * a0[dx] + q[ch] * a1[dx];
      }
    } else {
      for (int dx = 0; dx < xmax; ++dx) {
        for (int ch = 0; ch < c; ++ch)
          r[dx * c + ch] = row[off0[dx] + ch] * a0[dx] + row[off1[dx] + ch] * a1[dx];
      }
    }
    for (int dx = xmax; dx < dw; ++dx) {
      for (int ch = 0; ch < c; ++ch) r[dx * c + ch] = row[off0[dx] + ch];
    }
  };
  // An enlarged image's destination rows mostly reuse the source rows of the row before:
  // each source row's horizontal sums are computed once (the same values as per row).
  int have0 = INT_MIN, have1 = INT_MIN;  // the source rows r0 and r1 hold
  for (int dy = row0; dy < row1; ++dy) {
    const double b0 = static_cast<double>(1.0f - yt.frac[dy]);
    const double b1 = static_cast<double>(yt.frac[dy]);
    const int sy = yt.src[dy];
    if (sy != have0) {
      if (sy == have1) {
        r0.swap(r1);
        have0 = have1;
        have1 = INT_MIN;
      } else {
        horizontal(sy, r0.data());
        have0 = sy;
      }
    }
    if (sy + 1 != have1) {
      horizontal(sy + 1, r1.data());
      have1 = sy + 1;
    }
    double* out = dst->Row(dy - row0);
    const size_t n = r0.size();
    for (size_t i = 0; i < n; ++i) out[i] = r0[i] * b0 + r1[i] * b1;
  }
  scratch.Trim(kKeptScratchElements);
  if (off0.size() > kKeptScratchElements) {
    std::vector<int>().swap(off0);
    std::vector<int>().swap(off1);
    std::vector<double>().swap(a0);
    std::vector<double>().swap(a1);
  }
}

struct Scales {
  double inv_x, inv_y, scale_x, scale_y;
  int ix, iy;
};

Scales ComputeScales(int sw, int sh, int dw, int dh) {
  Scales s;
  s.inv_x = static_cast<double>(dw) / sw;
  s.inv_y = static_cast<double>(dh) / sh;
  s.scale_x = 1.0 / s.inv_x;
  s.scale_y = 1.0 / s.inv_y;
  s.ix = static_cast<int>(std::nearbyint(s.scale_x));
  s.iy = static_cast<int>(std::nearbyint(s.scale_y));
  return s;
}

ResizePath SelectPath(int sw, int sh, int dw, int dh, const Scales& s) {
  if (sw == dw && sh == dh) return ResizePath::kCopy;
  if (s.scale_x >= 1 && s.scale_y >= 1) {
    const bool fast =
        std::abs(s.scale_x - s.ix) < DBL_EPSILON && std::abs(s.scale_y - s.iy) < DBL_EPSILON;
    return fast ? ResizePath::kAreaFast : ResizePath::kArea;
  }
  return ResizePath::kLinear;
}

template <typename T>
void Resize(const PackedImage<T>& src, int dw, int dh, int row0, int row1, PackedImage<T>* dst) {
  const Scales s = ComputeScales(src.width, src.height, dw, dh);
  dst->Resize(dw, row1 - row0, src.channels);
  switch (SelectPath(src.width, src.height, dw, dh, s)) {
    case ResizePath::kCopy:
      std::copy(src.Row(row0), src.Row(row0) + dst->pixels.size(), dst->pixels.begin());
      break;
    case ResizePath::kAreaFast: ResizeAreaFast(src, dw, row0, row1, s.ix, s.iy, dst); break;
    case ResizePath::kArea:
      if constexpr (std::is_same_v<T, uint8_t>) {
        const auto row = [&src](int y) noexcept { return src.Row(y); };
        ResizeAreaGeneric(src.width, src.height, src.channels, row, dw, dh, row0, row1, s.scale_x,
                          s.scale_y, dst);
      } else {
        // A float64 row is read one element past its end (AreaHorizontalRgb): copy it out.
        const size_t n = static_cast<size_t>(src.width) * src.channels;
        std::vector<double> padded(n + 1, 0.0);
        const auto row = [&](int y) noexcept {
          std::copy(src.Row(y), src.Row(y) + n, padded.data());
          return static_cast<const double*>(padded.data());
        };
        ResizeAreaGeneric(src.width, src.height, src.channels, row, dw, dh, row0, row1, s.scale_x,
                          s.scale_y, dst);
      }
      break;
    case ResizePath::kLinear:
      ResizeLinear(src, dw, dh, row0, row1, s.scale_x, s.scale_y, s.inv_x, s.inv_y, dst);
      break;
  }
}

}  // namespace

uint64_t ResizeScratchBytes(int dst_width, size_t sum_bytes) {
  // A band's source rows plus the rows one destination row spans, bounded here by 16 more.
  return (static_cast<uint64_t>(kBandSourceRows) + 16) * static_cast<uint64_t>(dst_width) * 3 *
         sum_bytes;
}

ResizePath SelectResizePath(int sw, int sh, int dw, int dh) {
  return SelectPath(sw, sh, dw, dh, ComputeScales(sw, sh, dw, dh));
}

void ResizeArea(const ImageU8& src, int dw, int dh, ImageU8* dst) {
  Resize(src, dw, dh, 0, dh, dst);
}
void ResizeArea(const ImageF64& src, int dw, int dh, ImageF64* dst) {
  Resize(src, dw, dh, 0, dh, dst);
}
void ResizeAreaRows(const ImageU8& src, int dw, int dh, int row0, int row1, ImageU8* dst) {
  Resize(src, dw, dh, row0, row1, dst);
}
void ResizeAreaStreamed(int sw, int sh, const RowSource& source, int dw, int dh, ImageF64* dst) {
  const Scales s = ComputeScales(sw, sh, dw, dh);
  dst->Resize(dw, dh, 3);
  // One source row (+ the padding AreaHorizontalRgb reads), kept per thread: a crop stage
  // streams hundreds of windows.
  static thread_local std::vector<uint8_t> buffer;
  buffer.resize(std::max(buffer.size(), static_cast<size_t>(sw) * 3 + 1));
  const auto row = [&](int y) noexcept { return source.Row(y, buffer.data()); };
  ResizeAreaGeneric(sw, sh, 3, row, dw, dh, 0, dh, s.scale_x, s.scale_y, dst);
  if (buffer.size() > kKeptScratchElements) std::vector<uint8_t>().swap(buffer);
}

}  // namespace mtcnn
