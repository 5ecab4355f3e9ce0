// CropBuilder against the reference's way of building a crop, spelled out: a zero-filled float64
// window of the box's size, the image's overlap copied into it, cv2.resize INTER_AREA on the
// whole window, then the input normalisation. The builder streams rows instead, reading
// rows that lie inside the image where they are; the results must be the same bits.
#include <gtest/gtest.h>

#include <cstring>
#include <random>
#include <vector>

#include "cascade/boxes.h"
#include "cascade/crops.h"
#include "imaging/normalize.h"
#include "imaging/resize_area.h"
#include "runtime/thread_pool.h"

namespace {

mtcnn::ImageU8 NoiseImage(int w, int h) {
  mtcnn::ImageU8 image;
  image.Resize(w, h, 3);
  std::mt19937 rng(7);
  for (uint8_t& v : image.pixels) v = static_cast<uint8_t>(rng() & 0xff);
  return image;
}

// The reference: tmp = zeros((tmph, tmpw, 3)); tmp[dy-1:edy, dx-1:edx] = img[y-1:ey,
// x-1:ex]; resize to size x size; normalise. (The boxes below keep every slice start at 0
// or more, where numpy's slices are plain ranges.)
std::vector<float> ReferenceCrop(const mtcnn::ImageU8& image, const mtcnn::Box& box, int size) {
  const mtcnn::CropWindow c = mtcnn::PadBox(box, image.width, image.height);
  mtcnn::ImageF64 tmp;
  tmp.Resize(c.width, c.height, 3);
  std::fill(tmp.pixels.begin(), tmp.pixels.end(), 0.0);
  for (int r = c.window_y0 - 1; r < c.window_y1; ++r) {
    for (int col = c.window_x0 - 1; col < c.window_x1; ++col) {
      const uint8_t* p = image.Row(c.image_y0 - 1 + r - (c.window_y0 - 1)) +
                         (c.image_x0 - 1 + col - (c.window_x0 - 1)) * 3;
      for (int ch = 0; ch < 3; ++ch) tmp.Row(r)[col * 3 + ch] = p[ch];
    }
  }
  mtcnn::ImageF64 resized;
  mtcnn::ResizeArea(tmp, size, size, &resized);
  std::vector<float> out(resized.pixels.size());
  for (size_t i = 0; i < out.size(); ++i)
    out[i] = static_cast<float>(mtcnn::Normalize(resized.pixels[i]));
  return out;
}

mtcnn::Box MakeBox(double x1, double y1, double x2, double y2) {
  mtcnn::Box b;
  b.x1 = x1, b.y1 = y1, b.x2 = x2, b.y2 = y2;
  return b;
}

class Crops : public ::testing::TestWithParam<int> {};

TEST_P(Crops, MatchTheReferencesWholeWindowBitForBit) {
  const mtcnn::ImageU8 image = NoiseImage(97, 61);
  const std::vector<mtcnn::Box> boxes = {
      MakeBox(5, 6, 40, 50),       // inside: rows read in place
      MakeBox(-10, -5, 30, 20),    // over the left and top edges
      MakeBox(80, 40, 120, 90),    // over the right and bottom edges
      MakeBox(60, 30, 97, 61),     // inside, ending on the image's last byte
      MakeBox(-20, -20, 120, 90),  // around the whole image
      MakeBox(1, 1, 48, 48),       // 48 -> 24: an integer shrink
      MakeBox(10, 10, 20, 20),     // 11 -> 24 or 48: enlarged
      MakeBox(0, 20, 96, 40),      // as wide as the image, one column off its left edge
  };
  mtcnn::ThreadPool pool(GetParam());
  pool.Start();
  for (int size : {24, 48}) {
    std::vector<mtcnn::CropWindow> windows;
    ASSERT_TRUE(mtcnn::PadBoxes(boxes, image.width, image.height, &windows));
    mtcnn::CropBuilder builder;
    builder.Reserve(static_cast<size_t>(GetParam()));
    const size_t crop_floats = static_cast<size_t>(size) * size * 3;
    std::vector<float> built(boxes.size() * crop_floats);
    builder.BuildRange(image, windows, size, 0, boxes.size(), built.data(), 0, pool.get());
    for (size_t k = 0; k < boxes.size(); ++k) {
      const std::vector<float> expected = ReferenceCrop(image, boxes[k], size);
      EXPECT_EQ(
          std::memcmp(built.data() + k * crop_floats, expected.data(), crop_floats * sizeof(float)),
          0)
          << "box " << k << " at size " << size;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Threads, Crops, ::testing::Values(1, 2));

}  // namespace
