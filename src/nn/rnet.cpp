#include "nn/rnet.h"

#include <algorithm>

#include "nn/layer_weights.h"

namespace mtcnn {
namespace {

// Floats of the two buffers the activations alternate between.
struct Buffers {
  size_t a, b;
};
Buffers BufferFloats(const Rnet::Shapes& s) {
  return {std::max({s.conv1.elements(), s.conv2.elements(), s.conv3.elements()}),
          std::max({s.pool1.elements(), s.pool2.elements(), s.fc4.elements()})};
}

}  // namespace

Rnet::Shapes::Shapes(size_t n)
    : input{n, kInputSize, kInputSize, 3},
      conv1(kConv1.Output(input)),
      pool1(kPool1.Output(conv1)),
      conv2(kConv2.Output(pool1)),
      pool2(kPool2.Output(conv2)),
      conv3(kConv3.Output(pool2)),
      fc4(kFc4.Output(conv3)) {}

uint64_t Rnet::WorkingBytes(size_t n) {
  const Shapes s(n);
  const Buffers buffers = BufferFloats(s);
  return (buffers.a + buffers.b) * sizeof(float) +
         ColumnTripleConv::WorkingBytes(n, kInputSize, kInputSize) +
         Conv2d::IndirectionBytes(s.conv2, kConv2.kernel) +
         Conv2d::IndirectionBytes(s.conv3, kConv3.kernel);
}

Rnet::Rnet(const Weights& w)
    : conv1_(ConvFilters(w, kConv1, 3), ConvBiases(w, kConv1)),
      prelu_pool1_(PReluSlopes(w, kPool1.alpha, kConv1.out), kPool1.kernel, kPool1.stride),
      conv2_(ConvFilters(w, kConv2, kConv1.out), ConvBiases(w, kConv2)),
      prelu_pool2_(PReluSlopes(w, kPool2.alpha, kConv2.out), kPool2.kernel, kPool2.stride),
      conv3_(ConvFilters(w, kConv3, kConv2.out), ConvBiases(w, kConv3)),
      prelu3_(PReluSlopes(w, kPrelu3.name, kConv3.out)),
      fc4_(DenseWeights(w, kFc4, Shapes(1).conv3.elements()), DenseBiases(w, kFc4)),
      prelu4_(PReluSlopes(w, kPrelu4.name, kFc4.out)),
      heads_([&] {
        FusedHeads h = LoadFusedHeads(w, "rnet", false, {kFc4.out});
        return FullyConnected(h.weight, h.bias);
      }()),
      softmax_(HeadLayout::kLogitCount, kHeads.out) {}

void Rnet::RunChunk(const float* input, size_t n, pthreadpool_t pool, float* heads, float* prob) {
  const Shapes s(n);
  const Buffers buffers = BufferFloats(s);
  Grow(&a_, buffers.a);
  Grow(&b_, buffers.b);
  LayerProfile* p = profile_;
  TimedLayer(p, kConv1.name, kConv1.Flops(s.input),
             [&] { conv1_.Run(input, a_.data(), n, kInputSize, kInputSize, pool); });
  TimedLayer(p, kPool1.name, kPool1.Flops(s.conv1),
             [&] { prelu_pool1_.Run(a_.data(), b_.data(), n, s.conv1.h, s.conv1.w); });
  TimedLayer(p, kConv2.name, kConv2.Flops(s.pool1),
             [&] { conv2_.Run(b_.data(), a_.data(), n, s.pool1.h, s.pool1.w, pool); });
  TimedLayer(p, kPool2.name, kPool2.Flops(s.conv2),
             [&] { prelu_pool2_.Run(a_.data(), b_.data(), n, s.conv2.h, s.conv2.w); });
  TimedLayer(p, kConv3.name, kConv3.Flops(s.pool2),
             [&] { conv3_.Run(b_.data(), a_.data(), n, s.pool2.h, s.pool2.w, pool); });
  TimedLayer(p, kPrelu3.name, kPrelu3.Flops(s.conv3),
             [&] { prelu3_.Run(a_.data(), a_.data(), n * s.conv3.h * s.conv3.w); });
  TimedLayer(p, kFc4.name, kFc4.Flops(s.conv3), [&] { fc4_.Run(a_.data(), b_.data(), n, pool); });
  TimedLayer(p, kPrelu4.name, kPrelu4.Flops(s.fc4), [&] { prelu4_.Run(b_.data(), b_.data(), n); });
  TimedLayer(p, kHeads.name, kHeads.Flops(s.fc4), [&] { heads_.Run(b_.data(), heads, n, pool); });
  TimedLayer(p, kSoftmax.name, kSoftmax.Flops(n), [&] { softmax_.Run(heads, prob, n, pool); });
}

}  // namespace mtcnn
