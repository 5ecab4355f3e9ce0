#include "nn/layer_weights.h"

#include <vector>

#include "nn/net_output.h"

namespace mtcnn {

const Tensor& ConvFilters(const Weights& w, const ConvSpec& conv, size_t in_channels) {
  return w.Get(std::string(conv.name) + ".weight",
               {conv.out, conv.kernel, conv.kernel, in_channels});
}

const Tensor& ConvBiases(const Weights& w, const ConvSpec& conv) {
  return w.Get(std::string(conv.name) + ".bias", {conv.out});
}

const Tensor& DenseWeights(const Weights& w, const DenseSpec& dense, size_t in_features) {
  return w.Get(std::string(dense.name) + ".weight", {dense.out, in_features});
}

const Tensor& DenseBiases(const Weights& w, const DenseSpec& dense) {
  return w.Get(std::string(dense.name) + ".bias", {dense.out});
}

const Tensor& PReluSlopes(const Weights& w, const char* alpha, size_t channels) {
  return w.Get(std::string(alpha) + ".alpha", {channels});
}

FusedHeads LoadFusedHeads(const Weights& w, const std::string& net, bool landmarks,
                          const std::vector<size_t>& each_input) {
  struct Part {
    const char* name;
    size_t outputs;
  };
  std::vector<Part> parts = {{"score", HeadLayout::kLogitCount}, {"bbox", HeadLayout::kBoxCount}};
  if (landmarks) parts.push_back({"landmarks", HeadLayout::kLandmarkCount});
  std::vector<const Tensor*> weights, biases;
  for (const Part& p : parts) {
    std::vector<size_t> shape = {p.outputs};
    shape.insert(shape.end(), each_input.begin(), each_input.end());
    weights.push_back(&w.Get(net + "." + p.name + ".weight", shape));
    biases.push_back(&w.Get(net + "." + p.name + ".bias", {p.outputs}));
  }
  return {ConcatOutputs(weights), ConcatOutputs(biases)};
}

}  // namespace mtcnn
