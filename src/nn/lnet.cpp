#include "nn/lnet.h"

#include <algorithm>

#include "nn/layer_weights.h"
#include "nn/net_output.h"

namespace mtcnn {
namespace {

std::string BranchName(const char* layer, size_t b) {
  return std::string(layer) + "_" + std::to_string(b + 1);
}
ConvSpec BranchConv(const ConvSpec& spec, const std::string& name) {
  return {name.c_str(), spec.kernel, spec.out};
}
DenseSpec BranchDense(const DenseSpec& spec, const std::string& name) {
  return {name.c_str(), spec.out};
}

// Floats of the two buffers a branch's activations alternate between.
struct Buffers {
  size_t a, b;
};
Buffers BufferFloats(const Lnet::Shapes& s) {
  return {std::max({s.conv1.elements(), s.conv2.elements(), s.conv3.elements()}),
          std::max(s.pool1.elements(), s.pool2.elements())};
}

}  // namespace

Lnet::Shapes::Shapes(size_t n)
    : input{n, kInputSize, kInputSize, 3},
      conv1(kConv1.Output(input)),
      pool1(kPool1.Output(conv1)),
      conv2(kConv2.Output(pool1)),
      pool2(kPool2.Output(conv2)),
      conv3(kConv3.Output(pool2)) {}

uint64_t Lnet::WorkingBytes(size_t n) {
  const Shapes s(n);
  const Buffers buffers = BufferFloats(s);
  const size_t maps = kBranches * s.conv3.elements();
  return (buffers.a + buffers.b + maps + n * (kFc4.out + kFc4Branch.out + kFc5.out)) *
             sizeof(float) +
         ColumnTripleConv::WorkingBytes(n, kInputSize, kInputSize) +
         Conv2d::IndirectionBytes(s.conv2, kConv2.kernel) +
         Conv2d::IndirectionBytes(s.conv3, kConv3.kernel);
}

Lnet::Branch::Branch(const Weights& w, size_t b)
    : conv1(ConvFilters(w, BranchConv(kConv1, BranchName(kConv1.name, b)), 3),
            ConvBiases(w, BranchConv(kConv1, BranchName(kConv1.name, b)))),
      prelu_pool1(PReluSlopes(w, BranchName(kPool1.alpha, b).c_str(), kConv1.out), kPool1.kernel,
                  kPool1.stride),
      conv2(ConvFilters(w, BranchConv(kConv2, BranchName(kConv2.name, b)), kConv1.out),
            ConvBiases(w, BranchConv(kConv2, BranchName(kConv2.name, b)))),
      prelu_pool2(PReluSlopes(w, BranchName(kPool2.alpha, b).c_str(), kConv2.out), kPool2.kernel,
                  kPool2.stride),
      conv3(ConvFilters(w, BranchConv(kConv3, BranchName(kConv3.name, b)), kConv2.out),
            ConvBiases(w, BranchConv(kConv3, BranchName(kConv3.name, b)))),
      prelu3(PReluSlopes(w, BranchName(kPrelu3.name, b).c_str(), kConv3.out)),
      fc4(DenseWeights(w, BranchDense(kFc4Branch, BranchName(kFc4Branch.name, b)), kFc4.out),
          DenseBiases(w, BranchDense(kFc4Branch, BranchName(kFc4Branch.name, b)))),
      prelu4(PReluSlopes(w, BranchName(kPrelu4Branch.name, b).c_str(), kFc4Branch.out)),
      fc5(DenseWeights(w, BranchDense(kFc5, BranchName(kFc5.name, b)), kFc4Branch.out),
          DenseBiases(w, BranchDense(kFc5, BranchName(kFc5.name, b)))) {}

Lnet::Lnet(const Weights& w)
    : fc4_(DenseWeights(w, kFc4, kBranches * Shapes(1).conv3.elements()), DenseBiases(w, kFc4)),
      prelu4_(PReluSlopes(w, kPrelu4.name, kFc4.out)) {
  for (size_t b = 0; b < kBranches; ++b) branches_.push_back(std::make_unique<Branch>(w, b));
}

void Lnet::RunChunk(const float* patches, size_t n, pthreadpool_t pool, float* places) {
  const Shapes s(n);
  const Buffers buffers = BufferFloats(s);
  const size_t map_floats = s.conv3.elements() / n;  // one face's map of one branch
  Grow(&a_, buffers.a);
  Grow(&b_, buffers.b);
  Grow(&maps_, n * kBranches * map_floats);
  Grow(&features_, n * kFc4.out);
  Grow(&head_, n * kFc4Branch.out);
  Grow(&place_, n * kFc5.out);
  LayerProfile* p = profile_;
  for (size_t b = 0; b < kBranches; ++b) {
    Branch& br = *branches_[b];
    const float* input = patches + b * n * kPatchFloats;
    TimedLayer(p, kConv1.name, kConv1.Flops(s.input),
               [&] { br.conv1.Run(input, a_.data(), n, kInputSize, kInputSize, pool); });
    TimedLayer(p, kPool1.name, kPool1.Flops(s.conv1),
               [&] { br.prelu_pool1.Run(a_.data(), b_.data(), n, s.conv1.h, s.conv1.w); });
    TimedLayer(p, kConv2.name, kConv2.Flops(s.pool1),
               [&] { br.conv2.Run(b_.data(), a_.data(), n, s.pool1.h, s.pool1.w, pool); });
    TimedLayer(p, kPool2.name, kPool2.Flops(s.conv2),
               [&] { br.prelu_pool2.Run(a_.data(), b_.data(), n, s.conv2.h, s.conv2.w); });
    TimedLayer(p, kConv3.name, kConv3.Flops(s.pool2),
               [&] { br.conv3.Run(b_.data(), a_.data(), n, s.pool2.h, s.pool2.w, pool); });
    TimedLayer(p, kPrelu3.name, kPrelu3.Flops(s.conv3),
               [&] { br.prelu3.Run(a_.data(), a_.data(), n * s.conv3.h * s.conv3.w); });
    // fc4 reads each face's five maps one after another.
    for (size_t i = 0; i < n; ++i) {
      std::copy_n(a_.data() + i * map_floats, map_floats,
                  maps_.data() + (i * kBranches + b) * map_floats);
    }
  }
  const Shape all_maps{n, 1, 1, kBranches * map_floats};
  TimedLayer(p, kFc4.name, kFc4.Flops(all_maps),
             [&] { fc4_.Run(maps_.data(), features_.data(), n, pool); });
  TimedLayer(p, kPrelu4.name, kPrelu4.Flops(kFc4.Output(all_maps)),
             [&] { prelu4_.Run(features_.data(), features_.data(), n); });
  const Shape features = kFc4.Output(all_maps);
  const Shape head = kFc4Branch.Output(features);
  for (size_t b = 0; b < kBranches; ++b) {
    Branch& br = *branches_[b];
    TimedLayer(p, "lnet.fc4_branch", kFc4Branch.Flops(features),
               [&] { br.fc4.Run(features_.data(), head_.data(), n, pool); });
    TimedLayer(p, "lnet.prelu4_branch", kPrelu4Branch.Flops(head),
               [&] { br.prelu4.Run(head_.data(), head_.data(), n); });
    TimedLayer(p, kFc5.name, kFc5.Flops(head),
               [&] { br.fc5.Run(head_.data(), place_.data(), n, pool); });
    for (size_t i = 0; i < n; ++i) {
      std::copy_n(place_.data() + i * kFc5.out, kFc5.out, places + (i * kBranches + b) * kFc5.out);
    }
  }
}

}  // namespace mtcnn
