#include "nn/pnet.h"

#include <algorithm>

#include "nn/layer_weights.h"

namespace mtcnn {
namespace {

// The most bytes each of the 3x3 convolutions keeps in operators for input sizes it has
// seen (Conv2d's shape cache): in the WebAssembly builds, every band size of a VGA frame's
// pyramid at min_face_size 20 (about 8, 2 and 2 MiB); bigger images keep what fits.
constexpr uint64_t kShapeCacheBytes[3] = {uint64_t{12} << 20, uint64_t{4} << 20, uint64_t{4} << 20};

// Floats of the two buffers the activations alternate between.
struct Buffers {
  size_t a, b;
};
Buffers BufferFloats(const Pnet::Shapes& s) {
  return {std::max(s.conv1.elements(), s.conv2.elements()),
          std::max(s.pool1.elements(), s.map.elements())};
}

}  // namespace

Pnet::Shapes::Shapes(size_t h, size_t w)
    : input{1, h, w, 3},
      conv1(kConv1.Output(input)),
      pool1(kPool1.Output(conv1)),
      conv2(kConv2.Output(pool1)),
      map(kConv3.Output(conv2)) {}

uint64_t Pnet::WorkingBytes(size_t h, size_t w) {
  const Shapes s(h, w);
  const Buffers buffers = BufferFloats(s);
  const size_t cells = s.map.h * s.map.w;
  uint64_t bytes = (buffers.a + buffers.b) * sizeof(float);
  bytes += cells * (kHeads.out + HeadLayout::kLogitCount) * sizeof(float);  // NetOutput
  bytes += ColumnTripleConv::WorkingBytes(1, h, w);
  bytes += Conv2d::IndirectionBytes(s.conv2, kConv2.kernel) +
           Conv2d::IndirectionBytes(s.map, kConv3.kernel);
  bytes += Conv2d::IndirectionBytes(s.map, kHeads.kernel);
  return bytes;
}

uint64_t Pnet::KeptOperatorBytes(const std::vector<std::pair<size_t, size_t>>& sizes) {
  uint64_t conv[3] = {0, 0, 0};
  for (const auto& [h, w] : sizes) {
    const Shapes s(h, w);
    conv[0] += Conv2d::IndirectionBytes(s.conv1.pixels(), 3, 1);  // column triples: 3x1
    conv[1] += Conv2d::IndirectionBytes(s.conv2, kConv2.kernel);
    conv[2] += Conv2d::IndirectionBytes(s.map, kConv3.kernel);
  }
  // Each kept size is also an operator with its own packed weights (10, 16 and 32 filters
  // of 3x3x3, 3x3x10 and 3x3x16, plus padding: 64 KiB covers the three).
  uint64_t bytes = sizes.size() * (uint64_t{64} << 10);
  for (int i = 0; i < 3; ++i) bytes += std::min(conv[i], kShapeCacheBytes[i]);
  return bytes;
}

Pnet::Pnet(const Weights& w)
    : conv1_(ConvFilters(w, kConv1, 3), ConvBiases(w, kConv1), kShapeCacheBytes[0]),
      prelu_pool1_(PReluSlopes(w, kPool1.alpha, kConv1.out), kPool1.kernel, kPool1.stride),
      conv2_(ConvFilters(w, kConv2, kConv1.out), ConvBiases(w, kConv2), kShapeCacheBytes[1]),
      prelu2_(PReluSlopes(w, kPrelu2.name, kConv2.out)),
      conv3_(ConvFilters(w, kConv3, kConv2.out), ConvBiases(w, kConv3), kShapeCacheBytes[2]),
      prelu3_(PReluSlopes(w, kPrelu3.name, kConv3.out)),
      heads_([&] {
        FusedHeads h = LoadFusedHeads(w, "pnet", false, {1, 1, kConv3.out});
        return Conv2d(h.weight, h.bias);
      }()),
      softmax_(HeadLayout::kLogitCount, kHeads.out) {}

void Pnet::Run(const float* input, size_t h, size_t w, pthreadpool_t pool, NetOutput* out) {
  const Shapes s(h, w);
  const Buffers buffers = BufferFloats(s);
  Grow(&a_, buffers.a);
  Grow(&b_, buffers.b);
  const size_t cells = s.map.h * s.map.w;
  out->Prepare(cells, kHeads.out);
  LayerProfile* p = profile_;
  TimedLayer(p, kConv1.name, kConv1.Flops(s.input),
             [&] { conv1_.Run(input, a_.data(), 1, h, w, pool); });
  TimedLayer(p, kPool1.name, kPool1.Flops(s.conv1),
             [&] { prelu_pool1_.Run(a_.data(), b_.data(), 1, s.conv1.h, s.conv1.w); });
  TimedLayer(p, kConv2.name, kConv2.Flops(s.pool1),
             [&] { conv2_.Run(b_.data(), a_.data(), 1, s.pool1.h, s.pool1.w, pool); });
  TimedLayer(p, kPrelu2.name, kPrelu2.Flops(s.conv2),
             [&] { prelu2_.Run(a_.data(), a_.data(), s.conv2.h * s.conv2.w); });
  TimedLayer(p, kConv3.name, kConv3.Flops(s.conv2),
             [&] { conv3_.Run(a_.data(), b_.data(), 1, s.conv2.h, s.conv2.w, pool); });
  TimedLayer(p, kPrelu3.name, kPrelu3.Flops(s.map),
             [&] { prelu3_.Run(b_.data(), b_.data(), cells); });
  TimedLayer(p, kHeads.name, kHeads.Flops(s.map),
             [&] { heads_.Run(b_.data(), out->heads.data(), 1, s.map.h, s.map.w, pool); });
  TimedLayer(p, kSoftmax.name, kSoftmax.Flops(cells),
             [&] { softmax_.Run(out->heads.data(), out->prob.data(), cells, pool); });
}

void Pnet::Tick() {
  conv1_.Tick();
  conv2_.Tick();
  conv3_.Tick();
}

}  // namespace mtcnn
