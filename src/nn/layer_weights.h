// A layout layer's tensors (layout.h) from the weights file, by the layer's name and the
// shape it must have (weights/README.md lists them); a missing or misshapen tensor is
// kInvalidWeights.
#pragma once

#include <cstddef>
#include <string>

#include "nn/layout.h"
#include "nn/weights.h"

namespace mtcnn {

const Tensor& ConvFilters(const Weights& w, const ConvSpec& conv, size_t in_channels);
const Tensor& ConvBiases(const Weights& w, const ConvSpec& conv);
const Tensor& DenseWeights(const Weights& w, const DenseSpec& dense, size_t in_features);
const Tensor& DenseBiases(const Weights& w, const DenseSpec& dense);
const Tensor& PReluSlopes(const Weights& w, const char* alpha, size_t channels);

// The heads of network `net` ("pnet", "rnet" or "onet") fused into one layer's weights and
// biases, in net_output.h's row order: `<net>.score` [2, ...], `<net>.bbox` [4, ...] and,
// with `landmarks`, `<net>.landmarks` [10, ...], where "..." is `each_input` ([1, 1, in] for
// P-Net's 1x1 convolutions, [in] for the others' fully connected heads).
struct FusedHeads {
  Tensor weight, bias;
};
FusedHeads LoadFusedHeads(const Weights& w, const std::string& net, bool landmarks,
                          const std::vector<size_t>& each_input);

}  // namespace mtcnn
