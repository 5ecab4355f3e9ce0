// Helpers for the unit tests, which reach inside the library: the weights as the networks
// read them, the reference's network inputs and outputs, images as the cascade holds them.
#pragma once

#include "fixtures.h"
#include "imaging/image.h"
#include "nn/weights.h"

namespace mtcnn_test {

// The bundled weights, parsed.
const mtcnn::Weights& DefaultWeights();
// tests/fixtures/networks.safetensors (reference network inputs/outputs).
const mtcnn::Weights& NetworkFixtures();
// The fixture's P-Net input (a uint8 pyramid level held as floats), normalised as the cascade
// normalises a level.
std::vector<float> NormalizedPnetFixtureInput();
// A decoded image as the cascade's packed RGB.
mtcnn::ImageU8 PackedImageOf(const mtcnn_cli::RgbImage& image);

}  // namespace mtcnn_test
