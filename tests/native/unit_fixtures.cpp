#include "unit_fixtures.h"

#include "nn/default_weights.h"

namespace mtcnn_test {

const mtcnn::Weights& DefaultWeights() {
  static const mtcnn::Weights w = [] {
    const mtcnn::WeightsFile b = mtcnn::DefaultWeights();
    return mtcnn::Weights::FromSafetensors(b.data, b.size);
  }();
  return w;
}

mtcnn::ImageU8 PackedImageOf(const mtcnn_cli::RgbImage& image) {
  mtcnn::ImageU8 packed;
  packed.Resize(image.width, image.height, 3);
  packed.pixels = image.pixels;
  return packed;
}

const mtcnn::Weights& NetworkFixtures() {
  static const mtcnn::Weights w = [] {
    const std::vector<uint8_t> bytes = ReadBytes(FixturePath("networks.safetensors"));
    return mtcnn::Weights::FromSafetensors(bytes.data(), bytes.size());
  }();
  return w;
}

}  // namespace mtcnn_test
