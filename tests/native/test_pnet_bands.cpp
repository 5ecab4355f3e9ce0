// P-Net bands: P-Net's layout gives the map its layers make, bands tile every level's map
// rows exactly, and P-Net run band by band gives the whole level's outputs bit for bit.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <tuple>

#include "cascade/pnet_bands.h"
#include "cascade/pyramid.h"
#include "nn/pnet.h"
#include "runtime/thread_pool.h"
#include "unit_fixtures.h"

namespace {

int MapSize(int n) { return static_cast<int>(mtcnn::Pnet::MapSize(static_cast<size_t>(n))); }

TEST(PnetBands, TheLayoutsMapSizeIsWhatTheNetworkMakes) {
  mtcnn::InitializeXnnpack();
  mtcnn::Pnet pnet(mtcnn_test::DefaultWeights());
  const int cell = mtcnn::Pnet::kCellSize;
  std::vector<float> input(static_cast<size_t>(cell) * 200 * 3, 0.5f);
  for (int n = cell; n < 200; ++n) {
    mtcnn::NetOutput out;
    pnet.Run(input.data(), n, cell, nullptr, &out);
    EXPECT_EQ(out.rows, static_cast<size_t>(MapSize(n))) << n;
  }
  // One cell per window of kCellSize pixels, a new cell every kStride pixels (Caffe's
  // ceil-mode pooling gives a last cell to a partial window too).
  EXPECT_EQ(MapSize(cell), 1);
  EXPECT_EQ(MapSize(cell + mtcnn::Pnet::kStride), 2);
  EXPECT_EQ(MapSize(cell + 10 * mtcnn::Pnet::kStride), 11);
}

TEST(PnetBands, TileEveryLevelExactly) {
  for (const auto& [w, h, mfs] :
       {std::tuple{640, 480, 20.0}, {1920, 1080, 20.0}, {8000, 8000, 40.0}, {37, 913, 12.0}}) {
    const auto levels = mtcnn::PyramidLevels(w, h, mfs, 0.709);
    for (int threads : {1, 2, 4}) {
      const auto bands = mtcnn::PlanPnetBands(levels, threads);
      size_t b = 0;
      for (int l = 0; l < static_cast<int>(levels.size()); ++l) {
        int next = 0;
        for (; b < bands.size() && bands[b].level == l; ++b) {
          const mtcnn::PnetBand& band = bands[b];
          EXPECT_EQ(band.map_y0, next);
          EXPECT_LT(band.map_y0, band.map_y1);
          EXPECT_EQ(band.row0, mtcnn::Pnet::kStride * band.map_y0);
          // The rows it reads give exactly its map rows.
          EXPECT_EQ(MapSize(band.row1 - band.row0), band.map_y1 - band.map_y0);
          EXPECT_LE(band.row1, levels[l].height);
          next = band.map_y1;
        }
        EXPECT_EQ(next, MapSize(levels[l].height)) << "level " << l;
      }
      EXPECT_EQ(b, bands.size());
      if (threads == 1 && w * h <= 640 * 480) {
        EXPECT_EQ(bands.size(), levels.size()) << "no cut needed";
      }
    }
  }
}

TEST(PnetBands, AssignmentCoversEveryBandOnceAndBalancesCost) {
  for (const auto& [w, h, mfs] :
       {std::tuple{640, 480, 20.0}, {512, 512, 80.0}, {1920, 1080, 20.0}, {37, 913, 12.0}}) {
    const auto levels = mtcnn::PyramidLevels(w, h, mfs, 0.709);
    for (int threads : {1, 2, 3, 4}) {
      const auto bands = mtcnn::PlanPnetBands(levels, threads);
      const auto assigned = mtcnn::AssignPnetBands(levels, bands, w, threads);
      ASSERT_EQ(assigned.size(), static_cast<size_t>(threads));
      EXPECT_EQ(assigned, mtcnn::AssignPnetBands(levels, bands, w, threads))
          << "the same on every call";
      std::vector<int> seen(bands.size(), 0);
      double largest = 0, most = 0, least = 1e300;
      for (const auto& task : assigned) {
        EXPECT_TRUE(std::is_sorted(task.begin(), task.end())) << "plan order within a task";
        double load = 0;
        for (size_t i : task) {
          ASSERT_LT(i, bands.size());
          ++seen[i];
          const double c = mtcnn::PnetBandCost(levels[bands[i].level], bands[i], w);
          load += c;
          largest = std::max(largest, c);
        }
        most = std::max(most, load);
        least = std::min(least, load);
      }
      EXPECT_EQ(std::count(seen.begin(), seen.end(), 1), static_cast<long>(bands.size()))
          << "each band exactly once";
      // Longest first onto the least loaded: the spread is at most one band's cost.
      EXPECT_LE(most - least, largest + 1e-6) << w << "x" << h << " on " << threads;
    }
  }
}

TEST(PnetBands, BandOutputsEqualTheWholeLevel) {
  mtcnn::InitializeXnnpack();
  mtcnn::Pnet pnet(mtcnn_test::DefaultWeights());
  std::mt19937 rng(7);
  std::uniform_real_distribution<float> pixel(-1, 1);
  for (int height : {97, 98}) {  // odd heights take Caffe's ceil-mode pooling at the end
    const int width = 61;
    std::vector<float> level(static_cast<size_t>(width) * height * 3);
    for (float& v : level) v = pixel(rng);
    mtcnn::NetOutput whole;
    pnet.Run(level.data(), height, width, nullptr, &whole);
    const int map_h = MapSize(height), map_w = MapSize(width);
    for (int y0 = 0, step = 7; y0 < map_h; y0 += step) {
      const int y1 = std::min(map_h, y0 + step);
      // The rows the band's cells see, as PlanPnetBands cuts them (written out here).
      const int row0 = 2 * y0, row1 = y1 == map_h ? height : 2 * y1 + 10;
      mtcnn::NetOutput part;
      pnet.Run(level.data() + static_cast<size_t>(row0) * width * 3, row1 - row0, width, nullptr,
               &part);
      ASSERT_EQ(part.rows, static_cast<size_t>((y1 - y0) * map_w));
      for (size_t i = 0; i < part.rows; ++i) {
        const size_t j = static_cast<size_t>(y0) * map_w + i;
        ASSERT_EQ(part.FaceProbability(i), whole.FaceProbability(j))
            << "height " << height << " cell " << j;
        ASSERT_EQ(part.heads[i * part.head_stride], whole.heads[j * whole.head_stride]);  // a logit
        for (int k = 0; k < 4; ++k) ASSERT_EQ(part.BoxOffsets(i)[k], whole.BoxOffsets(j)[k]);
      }
    }
  }
}

}  // namespace
