// LayerProfile: records by name whether or not the same name comes at the same address, and
// a cleared profile reports only what ran since.
#include <gtest/gtest.h>

#include <cstring>

#include "runtime/layer_profile.h"

namespace {

TEST(LayerProfile, SameNameFromAnotherAddressIsTheSameLayer) {
  char copy[16];
  std::strcpy(copy, "rnet.conv1");
  mtcnn::LayerProfile profile;
  profile.Record("rnet.conv1", 1.0, 10);
  profile.Record("rnet.prelu1", 0.5, 1);
  profile.Record(copy, 2.0, 20);
  profile.Record("rnet.conv1", 4.0, 40);
  const std::vector<mtcnn::LayerTiming> merged = mtcnn::MergeLayerTimings({profile});
  ASSERT_EQ(merged.size(), 2u);
  EXPECT_EQ(merged[0].layer, "rnet.conv1");
  EXPECT_DOUBLE_EQ(merged[0].ms, 7.0);
  EXPECT_DOUBLE_EQ(merged[0].flops, 70);
  EXPECT_EQ(merged[0].calls, 3);
  EXPECT_EQ(merged[1].layer, "rnet.prelu1");
  EXPECT_EQ(merged[1].calls, 1);
}

TEST(LayerProfile, ClearedLayersThatDidNotRunAreLeftOut) {
  mtcnn::LayerProfile a, b;
  a.Record("onet.conv1", 1.0, 10);
  a.Record("pnet.conv1", 1.0, 10);
  a.Clear();
  a.Record("pnet.conv1", 3.0, 30);
  b.Record("pnet.conv1", 2.0, 20);
  b.Record("rnet.fc4", 1.0, 5);
  const std::vector<mtcnn::LayerTiming> merged = mtcnn::MergeLayerTimings({a, b});
  ASSERT_EQ(merged.size(), 2u);
  EXPECT_EQ(merged[0].layer, "pnet.conv1");
  EXPECT_DOUBLE_EQ(merged[0].ms, 5.0);
  EXPECT_EQ(merged[0].calls, 2);
  EXPECT_EQ(merged[1].layer, "rnet.fc4");
}

}  // namespace
