// The safetensors reader: the bundled file loads with the expected tensors, and damaged
// files fail with kInvalidWeights instead of crashing.
#include <gtest/gtest.h>

#include <cstring>

#include "mtcnn/detector.h"
#include "nn/default_weights.h"
#include "unit_fixtures.h"

namespace {

using mtcnn::ErrorKind;

ErrorKind KindOf(const std::vector<uint8_t>& bytes) {
  try {
    // The networks ask for every tensor with its shape.
    mtcnn::Detector d(mtcnn::Config{}, mtcnn::WeightsFile{bytes.data(), bytes.size()});
  } catch (const mtcnn::Error& e) {
    return e.kind();
  }
  return ErrorKind::kInternal;  // "no error" is not expected here
}

std::vector<uint8_t> DefaultBytes() {
  const mtcnn::WeightsFile b = mtcnn::DefaultWeights();
  return std::vector<uint8_t>(b.data, b.data + b.size);
}

TEST(Weights, DefaultFileHasEveryLayer) {
  const mtcnn::Weights& w = mtcnn_test::DefaultWeights();
  EXPECT_EQ(w.Get("pnet.conv1.weight", {10, 3, 3, 3}).data.size(), 270u);
  EXPECT_EQ(w.Get("rnet.fc4.weight", {128, 576}).data.size(), 128u * 576u);
  EXPECT_EQ(w.Get("onet.landmarks.weight", {10, 256}).data.size(), 2560u);
  const std::vector<uint8_t> bytes = DefaultBytes();
  EXPECT_NO_THROW(mtcnn::Detector(mtcnn::Config{}, mtcnn::WeightsFile{bytes.data(), bytes.size()}));
}

TEST(Weights, TruncatedFileIsInvalid) {
  std::vector<uint8_t> bytes = DefaultBytes();
  for (size_t keep : {size_t{0}, size_t{7}, size_t{100}, bytes.size() / 2, bytes.size() - 1}) {
    SCOPED_TRACE(keep);
    EXPECT_EQ(KindOf(std::vector<uint8_t>(bytes.begin(), bytes.begin() + keep)),
              ErrorKind::kInvalidWeights);
  }
}

TEST(Weights, GarbageAndWrongShapesAreInvalid) {
  EXPECT_EQ(KindOf(std::vector<uint8_t>(1000, 0xff)), ErrorKind::kInvalidWeights);
  // A valid safetensors file of other tensors (the network fixtures) lacks our layers.
  EXPECT_EQ(KindOf(mtcnn_test::ReadBytes(mtcnn_test::FixturePath("networks.safetensors"))),
            ErrorKind::kInvalidWeights);
  // Corrupt the header's JSON.
  std::vector<uint8_t> bytes = DefaultBytes();
  bytes[9] = '#';
  EXPECT_EQ(KindOf(bytes), ErrorKind::kInvalidWeights);
}

TEST(Weights, ShapeMismatchNamesTheTensor) {
  try {
    mtcnn_test::DefaultWeights().Get("pnet.conv1.weight", {10, 3, 3, 4});
    FAIL() << "expected an error";
  } catch (const mtcnn::Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kInvalidWeights);
    EXPECT_NE(std::string(e.what()).find("pnet.conv1.weight"), std::string::npos);
  }
}

}  // namespace
