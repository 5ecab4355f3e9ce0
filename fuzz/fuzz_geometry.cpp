// libFuzzer target: the index arithmetic around the networks, fast enough for millions of
// executions: packing a strided RGB/RGBA view, INTER_AREA on every path (whole, by rows,
// streamed), the P-Net band plan, and crop windows for arbitrary boxes (inside, across and
// outside the image, degenerate). Sanitizers catch any out-of-bounds access; the checks
// below catch wrong shapes.
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "cascade/boxes.h"
#include "cascade/crops.h"
#include "cascade/pnet_bands.h"
#include "cascade/pyramid.h"
#include "fuzz_input.h"
#include "imaging/image.h"
#include "imaging/pack_rgb.h"
#include "imaging/resize_area.h"
#include "nn/pnet.h"

namespace {

// A coordinate in [-64, 191] with a fraction, as boxes have after regression.
double Coordinate(mtcnn_fuzz::FuzzInput* in) {
  const int whole = in->Byte() - 64;
  return whole + in->Byte() / 256.0;
}

void Check(bool ok) {
  if (!ok) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  mtcnn_fuzz::FuzzInput in{data, size};
  const int width = 1 + in.Byte() % 64, height = 1 + in.Byte() % 64;
  const bool rgba = in.Byte() & 1;
  const size_t padding = in.Byte() % 5;
  const int channels = rgba ? 4 : 3;
  const size_t stride = static_cast<size_t>(width) * channels + padding;
  std::vector<uint8_t> pixels(stride * height);
  for (size_t i = 0; i < pixels.size(); ++i) pixels[i] = static_cast<uint8_t>(i * 31 + in.Byte());

  mtcnn::ImageU8 rgb;
  std::vector<uint8_t> staging;
  const mtcnn::ImageView view = mtcnn::ImageView::InMemory(
      pixels.data(), width, height, rgba ? mtcnn::PixelFormat::kRGBA : mtcnn::PixelFormat::kRGB,
      stride);
  mtcnn::ValidateView(view);
  mtcnn::PackRgb(view, &rgb, &staging);
  Check(rgb.width == width && rgb.height == height &&
        rgb.pixels.size() == static_cast<size_t>(width) * height * 3);

  // Resize to any size (shrinking, growing, integer factors) and compare the row-wise path.
  const int dw = 1 + in.Byte() % 80, dh = 1 + in.Byte() % 80;
  mtcnn::ImageU8 whole;
  mtcnn::ResizeArea(rgb, dw, dh, &whole);
  Check(whole.width == dw && whole.height == dh);
  const int r0 = in.Byte() % dh;
  const int r1 = r0 + 1 + in.Byte() % (dh - r0);
  mtcnn::ImageU8 rows;
  mtcnn::ResizeAreaRows(rgb, dw, dh, r0, r1, &rows);
  for (int y = r0; y < r1; ++y) {
    for (int i = 0; i < dw * 3; ++i) Check(rows.Row(y - r0)[i] == whole.Row(y)[i]);
  }

  // The band plan for this image's pyramid.
  const double min_face = 12 + in.Byte() % 40;
  const auto levels =
      mtcnn::PyramidLevels(width, height, min_face, 0.3 + 0.6 * (in.Byte() / 255.0));
  const auto bands = mtcnn::PlanPnetBands(levels, 1 + in.Byte() % 4);
  for (const mtcnn::PnetBand& b : bands) {
    Check(b.row0 >= 0 && b.row0 < b.row1 && b.row1 <= levels[b.level].height);
    Check(mtcnn::Pnet::MapSize(b.row1 - b.row0) == static_cast<size_t>(b.map_y1 - b.map_y0));
  }

  // Crops of arbitrary boxes.
  std::vector<mtcnn::Box> boxes(in.Byte() % 6);
  for (mtcnn::Box& b : boxes) {
    b.x1 = std::trunc(Coordinate(&in));
    b.y1 = std::trunc(Coordinate(&in));
    b.x2 = std::trunc(Coordinate(&in));
    b.y2 = std::trunc(Coordinate(&in));
  }
  mtcnn::CropBuilder crops;
  std::vector<mtcnn::CropWindow> windows;
  const int crop_size = (in.Byte() & 1) ? 24 : 48;
  if (mtcnn::PadBoxes(boxes, rgb.width, rgb.height, &windows)) {
    std::vector<float> out(boxes.size() * crop_size * crop_size * 3);
    crops.Reserve(1);
    crops.BuildRange(rgb, windows, crop_size, 0, boxes.size(), out.data(), 0);
    for (float v : out) Check(v >= -1.0f && v <= 1.0f);
  }
  return 0;
}
