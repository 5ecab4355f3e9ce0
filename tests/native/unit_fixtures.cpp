#include "unit_fixtures.h"

#include <stdexcept>

#include "imaging/normalize.h"
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

std::vector<float> NormalizedPnetFixtureInput() {
  const mtcnn::Tensor* in_u8 = NetworkFixtures().Find("pnet.input_u8");
  if (in_u8 == nullptr) throw std::runtime_error("fixture tensor missing: pnet.input_u8");
  std::vector<float> input(in_u8->data.size());
  for (size_t i = 0; i < input.size(); ++i)
    input[i] = static_cast<float>(mtcnn::Normalize(in_u8->data[i]));
  return input;
}

}  // namespace mtcnn_test
