// Aligned crops (mtcnn/align.h): the similarity fit, the warp's OpenCV arithmetic on cases
// worked out by hand, the templates and the errors. tests/node/align.test.mjs compares
// whole crops with OpenCV itself.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "align/similarity.h"
#include "align/templates.h"
#include "align/warp_affine.h"
#include "mtcnn/align.h"
#include "mtcnn/errors.h"

namespace mtcnn {
namespace {

Point2 Apply(const Affine& m, Point2 p) {
  return {m[0] * p[0] + m[1] * p[1] + m[2], m[3] * p[0] + m[4] * p[1] + m[5]};
}

TEST(FitSimilarity, RecoversAnExactSimilarity) {
  const double s = 1.7, a = 0.4;
  const Affine truth{s * std::cos(a), -s * std::sin(a), 12.5,
                     s * std::sin(a), s * std::cos(a),  -3.25};
  const std::vector<Point2> from = {{10, 20}, {40, 21}, {25, 35}, {13, 50}, {38, 49}};
  std::vector<Point2> to;
  for (const Point2& p : from) to.push_back(Apply(truth, p));
  const std::optional<Affine> m = FitSimilarity(from, to);
  ASSERT_TRUE(m.has_value());
  for (int i = 0; i < 6; ++i) EXPECT_NEAR((*m)[i], truth[i], 1e-12) << i;
}

TEST(FitSimilarity, NeverReflects) {
  // A mirror image has no similarity onto it; the fit is the best rotation and scale, whose
  // determinant is positive, not the reflection.
  const std::vector<Point2> from = {{0, 0}, {10, 0}, {0, 5}, {3, 8}, {7, 2}};
  std::vector<Point2> to;
  for (const Point2& p : from) to.push_back({-p[0], p[1]});
  const std::optional<Affine> m = FitSimilarity(from, to);
  ASSERT_TRUE(m.has_value());
  EXPECT_GE((*m)[0] * (*m)[4] - (*m)[1] * (*m)[3], 0);
}

TEST(FitSimilarity, RefusesCoincidentOrNonFinitePoints) {
  const std::vector<Point2> same(5, Point2{3, 4});
  const std::vector<Point2> to = {{0, 0}, {1, 0}, {0, 1}, {1, 1}, {2, 2}};
  EXPECT_FALSE(FitSimilarity(same, to).has_value());
  std::vector<Point2> bad = to;
  bad[2][0] = NAN;
  EXPECT_FALSE(FitSimilarity(bad, to).has_value());
}

ImageU8 Ramp(int w, int h) {
  ImageU8 img;
  img.Resize(w, h, 3);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x)
      for (int c = 0; c < 3; ++c) img.Row(y)[x * 3 + c] = static_cast<uint8_t>(x * 10 + y + c);
  return img;
}

TEST(WarpAffineBilinear, TheIdentityCopiesAndFillsBlackPastTheImage) {
  const ImageU8 img = Ramp(6, 5);
  std::vector<uint8_t> out(8 * 8 * 4);
  WarpAffineBilinear(img, Affine{1, 0, 0, 0, 1, 0}, 8, out.data());
  for (int y = 0; y < 8; ++y) {
    for (int x = 0; x < 8; ++x) {
      for (int c = 0; c < 3; ++c) {
        const int want = (x < 6 && y < 5) ? img.Row(y)[x * 3 + c] : 0;
        EXPECT_EQ(out[(y * 8 + x) * 4 + c], want) << x << "," << y;
      }
      EXPECT_EQ(out[(y * 8 + x) * 4 + 3], 255);
    }
  }
}

TEST(WarpAffineBilinear, AHalfPixelShiftAveragesNeighboursAndFadesAtTheEdge) {
  const ImageU8 img = Ramp(6, 5);
  std::vector<uint8_t> out(6 * 6 * 4);
  // dst = src + 0.5: destination x samples source x - 0.5.
  WarpAffineBilinear(img, Affine{1, 0, 0.5, 0, 1, 0}, 6, out.data());
  for (int x = 1; x < 6; ++x) {
    const int a = img.Row(2)[(x - 1) * 3], b = img.Row(2)[x * 3];
    EXPECT_EQ(out[(2 * 6 + x) * 4], (a * 16384 + b * 16384 + 16384) >> 15) << x;
  }
  // Column 0 blends the first column with the black outside.
  EXPECT_EQ(out[(2 * 6 + 0) * 4], (img.Row(2)[0] * 16384 + 16384) >> 15);
}

TEST(CropTransform, PutsTheKeypointsOnTheArcfacePointsScaledToTheSize) {
  Face f{};
  for (int k = 0; k < kNumKeypoints; ++k) {
    // The template itself, doubled and moved: the fit is exact.
    f.keypoints[k] = {static_cast<float>(kArcfacePoints[k][0] * 2 + 100),
                      static_cast<float>(kArcfacePoints[k][1] * 2 + 50)};
  }
  AlignOptions o;
  const std::optional<Affine> m = CropTransform(f, o, 224);
  ASSERT_TRUE(m.has_value());
  for (int k = 0; k < kNumKeypoints; ++k) {
    const Point2 p = Apply(*m, {f.keypoints[k][0], f.keypoints[k][1]});
    EXPECT_NEAR(p[0], kArcfacePoints[k][0] * 2, 1e-4);
    EXPECT_NEAR(p[1], kArcfacePoints[k][1] * 2, 1e-4);
  }
  // A margin of 24 of 224 shrinks the frame to 200, centred.
  o.margin = 24;
  const std::optional<Affine> shrunk = CropTransform(f, o, 224);
  const Point2 p = Apply(*shrunk, {f.keypoints[0][0], f.keypoints[0][1]});
  EXPECT_NEAR(p[0], kArcfacePoints[0][0] * 2 * 200 / 224 + 12, 1e-4);
}

TEST(CropTransform, FacenetStretchesTheWidenedBoxEdgeToEdge) {
  Face f{};
  f.box = {10, 20, 40, 80};
  AlignOptions o;
  o.kind = AlignTemplate::kFacenet;
  o.margin = 32;
  const int size = 160;
  const std::optional<Affine> m = CropTransform(f, o, size);
  ASSERT_TRUE(m.has_value());
  // facenet-pytorch's margin: margin * side / (size - margin) source pixels in all.
  const double mx = 32.0 * 40 / 128, my = 32.0 * 80 / 128;
  // The widened box's left/top edge (a pixel centre less one half) lands on -0.5, its
  // right/bottom edge on size - 0.5.
  const Point2 tl = Apply(*m, {10 - mx / 2 - 0.5, 20 - my / 2 - 0.5});
  const Point2 br = Apply(*m, {50 + mx / 2 - 0.5, 100 + my / 2 - 0.5});
  EXPECT_NEAR(tl[0], -0.5, 1e-9);
  EXPECT_NEAR(tl[1], -0.5, 1e-9);
  EXPECT_NEAR(br[0], size - 0.5, 1e-9);
  EXPECT_NEAR(br[1], size - 0.5, 1e-9);
}

TEST(AlignFaces, GivesOneRgbaCropPerFaceOfTheTemplatesSize) {
  const ImageU8 img = Ramp(64, 48);
  const ImageView view = ImageView::InMemory(img.pixels.data(), 64, 48, PixelFormat::kRGB);
  Face f{};
  f.box = {10, 8, 30, 30};
  const float pts[5][2] = {{20, 18}, {34, 18}, {27, 26}, {21, 33}, {33, 33}};
  for (int k = 0; k < kNumKeypoints; ++k) f.keypoints[k] = {pts[k][0], pts[k][1]};
  AlignOptions o;
  std::vector<RgbaImage> crops = AlignFaces(view, {f, f}, o);
  ASSERT_EQ(crops.size(), 2u);
  EXPECT_EQ(crops[0].width, 112);
  EXPECT_EQ(crops[0].pixels.size(), 112u * 112 * 4);
  EXPECT_EQ(crops[0].pixels, crops[1].pixels);
  o.kind = AlignTemplate::kFacenet;
  EXPECT_EQ(AlignFaces(view, {f}, o)[0].width, 160);
  EXPECT_TRUE(AlignFaces(view, {}, o).empty());
}

TEST(AlignFaces, NamesBadOptionsAndFaces) {
  const ImageU8 img = Ramp(8, 8);
  const ImageView view = ImageView::InMemory(img.pixels.data(), 8, 8, PixelFormat::kRGB);
  const auto kind_of = [&](const std::vector<Face>& faces, const AlignOptions& o) {
    try {
      AlignFaces(view, faces, o);
    } catch (const Error& e) {
      return e.kind();
    }
    return ErrorKind::kInternal;
  };
  AlignOptions o;
  o.size = kMaxCropSize + 1;
  EXPECT_EQ(kind_of({}, o), ErrorKind::kInvalidOption);
  o.size = 10;
  o.margin = 10;
  EXPECT_EQ(kind_of({}, o), ErrorKind::kInvalidOption);
  o.margin = 0;
  Face collapsed{};  // all keypoints at (0, 0)
  EXPECT_EQ(kind_of({collapsed}, o), ErrorKind::kInvalidOption);
  o.kind = AlignTemplate::kFacenet;
  EXPECT_EQ(kind_of({collapsed}, o), ErrorKind::kInvalidOption);  // a box of no size
  o.kind = AlignTemplate::kCustom;
  o.points[3][1] = INFINITY;
  EXPECT_EQ(kind_of({}, o), ErrorKind::kInvalidOption);
  // More crop pixels than an image may have, refused before anything is made.
  AlignOptions big;
  big.size = kMaxCropSize;
  EXPECT_EQ(kind_of(std::vector<Face>(9), big), ErrorKind::kResourceLimit);
}

}  // namespace
}  // namespace mtcnn
