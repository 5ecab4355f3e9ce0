#include "networks.h"

#include <algorithm>
#include <string>

namespace mtcnn {
namespace {

using Shape = std::vector<size_t>;

const Tensor& Conv(const Weights& w, const std::string& name, size_t out, size_t k, size_t in) {
  return w.Get(name + ".weight", {out, k, k, in});
}
const Tensor& Bias(const Weights& w, const std::string& name, size_t out) { return w.Get(name + ".bias", {out}); }
const Tensor& Alpha(const Weights& w, const std::string& name, size_t c) { return w.Get(name + ".alpha", {c}); }
const Tensor& Fc(const Weights& w, const std::string& name, size_t out, size_t in) {
  return w.Get(name + ".weight", {out, in});
}

}  // namespace

// ----------------------------------------------------------------------------- P-Net
Pnet::Pnet(const Weights& w)
    : conv1_(Conv(w, "pnet.conv1", 10, 3, 3), Bias(w, "pnet.conv1", 10), kPnetShapeCacheBytes[0]),
      conv2_(Conv(w, "pnet.conv2", 16, 3, 10), Bias(w, "pnet.conv2", 16), kPnetShapeCacheBytes[1]),
      conv3_(Conv(w, "pnet.conv3", 32, 3, 16), Bias(w, "pnet.conv3", 32), kPnetShapeCacheBytes[2]),
      heads_(ConcatOutputs({&Conv(w, "pnet.score", 2, 1, 32), &Conv(w, "pnet.bbox", 4, 1, 32)}),
             ConcatOutputs({&Bias(w, "pnet.score", 2), &Bias(w, "pnet.bbox", 4)})),
      prelu_pool1_(Alpha(w, "pnet.prelu1", 10), 2, 2),
      prelu2_(Alpha(w, "pnet.prelu2", 16)),
      prelu3_(Alpha(w, "pnet.prelu3", 32)),
      softmax_(2, 6) {}

size_t Pnet::MapHeight(size_t h) const { return conv3_.OutputHeight(conv2_.OutputHeight(prelu_pool1_.OutputSize(conv1_.OutputHeight(h)))); }
size_t Pnet::MapWidth(size_t w) const { return conv3_.OutputWidth(conv2_.OutputWidth(prelu_pool1_.OutputSize(conv1_.OutputWidth(w)))); }

void Pnet::Run(const float* input, size_t h, size_t w, pthreadpool_t pool, NetOutput* out) {
  LayerProfile* p = profile_;
  size_t h1 = conv1_.OutputHeight(h), w1 = conv1_.OutputWidth(w);
  Grow(&a_, h1 * w1 * 10);
  TimedLayer(p, "pnet.conv1", ConvFlops(1, h1, w1, 3, 3, 3, 10), [&] { conv1_.Run(input, a_.data(), 1, h, w, pool); });
  const size_t h2 = prelu_pool1_.OutputSize(h1), w2 = prelu_pool1_.OutputSize(w1);
  Grow(&b_, h2 * w2 * 10);
  TimedLayer(p, "pnet.prelu1+pool1", ElementwiseFlops(h1 * w1 * 10) + PoolFlops(1, h2, w2, 10, 2),
             [&] { prelu_pool1_.Run(a_.data(), b_.data(), 1, h1, w1); });
  const size_t h3 = conv2_.OutputHeight(h2), w3 = conv2_.OutputWidth(w2);
  Grow(&a_, h3 * w3 * 16);
  TimedLayer(p, "pnet.conv2", ConvFlops(1, h3, w3, 3, 3, 10, 16), [&] { conv2_.Run(b_.data(), a_.data(), 1, h2, w2, pool); });
  TimedLayer(p, "pnet.prelu2", ElementwiseFlops(h3 * w3 * 16), [&] { prelu2_.Run(a_.data(), a_.data(), h3 * w3, pool); });
  const size_t h4 = conv3_.OutputHeight(h3), w4 = conv3_.OutputWidth(w3);
  Grow(&b_, h4 * w4 * 32);
  TimedLayer(p, "pnet.conv3", ConvFlops(1, h4, w4, 3, 3, 16, 32), [&] { conv3_.Run(a_.data(), b_.data(), 1, h3, w3, pool); });
  TimedLayer(p, "pnet.prelu3", ElementwiseFlops(h4 * w4 * 32), [&] { prelu3_.Run(b_.data(), b_.data(), h4 * w4, pool); });
  out->rows = h4 * w4;
  out->head_stride = 6;
  Grow(&out->heads, out->rows * 6);
  Grow(&out->prob, out->rows * 2);
  TimedLayer(p, "pnet.heads", ConvFlops(1, h4, w4, 1, 1, 32, 6),
             [&] { heads_.Run(b_.data(), out->heads.data(), 1, h4, w4, pool); });
  TimedLayer(p, "pnet.softmax", ElementwiseFlops(out->rows * 2 * 4),
             [&] { softmax_.Run(out->heads.data(), out->prob.data(), out->rows, pool); });
}

void Pnet::Tick() {
  conv1_.Tick();
  conv2_.Tick();
  conv3_.Tick();
}

// ----------------------------------------------------------------------------- R-Net
Rnet::Rnet(const Weights& w)
    : conv1_(Conv(w, "rnet.conv1", 28, 3, 3), Bias(w, "rnet.conv1", 28)),
      conv2_(Conv(w, "rnet.conv2", 48, 3, 28), Bias(w, "rnet.conv2", 48)),
      conv3_(Conv(w, "rnet.conv3", 64, 2, 48), Bias(w, "rnet.conv3", 64)),
      prelu_pool1_(Alpha(w, "rnet.prelu1", 28), 3, 2),
      prelu_pool2_(Alpha(w, "rnet.prelu2", 48), 3, 2),
      prelu3_(Alpha(w, "rnet.prelu3", 64)),
      prelu4_(Alpha(w, "rnet.prelu4", 128)),
      fc4_(Fc(w, "rnet.fc4", 128, 576), Bias(w, "rnet.fc4", 128)),
      heads_(ConcatOutputs({&Fc(w, "rnet.score", 2, 128), &Fc(w, "rnet.bbox", 4, 128)}),
             ConcatOutputs({&Bias(w, "rnet.score", 2), &Bias(w, "rnet.bbox", 4)})),
      softmax_(2, kHeadStride) {}

void Rnet::RunChunk(const float* input, size_t n, pthreadpool_t pool, float* heads, float* prob) {
  // 24 -conv3-> 22 -pool3s2-> 11 -conv3-> 9 -pool3s2-> 4 -conv2-> 3
  LayerProfile* p = profile_;
  Grow(&a_, n * 22 * 22 * 28);
  Grow(&b_, n * 11 * 11 * 28);
  TimedLayer(p, "rnet.conv1", ConvFlops(n, 22, 22, 3, 3, 3, 28), [&] { conv1_.Run(input, a_.data(), n, 24, 24, pool); });
  TimedLayer(p, "rnet.prelu1+pool1", ElementwiseFlops(n * 22 * 22 * 28) + PoolFlops(n, 11, 11, 28, 3),
             [&] { prelu_pool1_.Run(a_.data(), b_.data(), n, 22, 22); });
  TimedLayer(p, "rnet.conv2", ConvFlops(n, 9, 9, 3, 3, 28, 48), [&] { conv2_.Run(b_.data(), a_.data(), n, 11, 11, pool); });
  TimedLayer(p, "rnet.prelu2+pool2", ElementwiseFlops(n * 9 * 9 * 48) + PoolFlops(n, 4, 4, 48, 3),
             [&] { prelu_pool2_.Run(a_.data(), b_.data(), n, 9, 9); });
  TimedLayer(p, "rnet.conv3", ConvFlops(n, 3, 3, 2, 2, 48, 64), [&] { conv3_.Run(b_.data(), a_.data(), n, 4, 4, pool); });
  TimedLayer(p, "rnet.prelu3", ElementwiseFlops(n * 3 * 3 * 64), [&] { prelu3_.Run(a_.data(), a_.data(), n * 3 * 3, pool); });
  TimedLayer(p, "rnet.fc4", FullyConnectedFlops(n, 576, 128), [&] { fc4_.Run(a_.data(), b_.data(), n, pool); });
  TimedLayer(p, "rnet.prelu4", ElementwiseFlops(n * 128), [&] { prelu4_.Run(b_.data(), b_.data(), n, pool); });
  TimedLayer(p, "rnet.heads", FullyConnectedFlops(n, 128, kHeadStride), [&] { heads_.Run(b_.data(), heads, n, pool); });
  TimedLayer(p, "rnet.softmax", ElementwiseFlops(n * 2 * 4), [&] { softmax_.Run(heads, prob, n, pool); });
}

// ----------------------------------------------------------------------------- O-Net
Onet::Onet(const Weights& w)
    : conv1_(Conv(w, "onet.conv1", 32, 3, 3), Bias(w, "onet.conv1", 32)),
      conv2_(Conv(w, "onet.conv2", 64, 3, 32), Bias(w, "onet.conv2", 64)),
      conv3_(Conv(w, "onet.conv3", 64, 3, 64), Bias(w, "onet.conv3", 64)),
      conv4_(Conv(w, "onet.conv4", 128, 2, 64), Bias(w, "onet.conv4", 128)),
      prelu_pool1_(Alpha(w, "onet.prelu1", 32), 3, 2),
      prelu_pool2_(Alpha(w, "onet.prelu2", 64), 3, 2),
      prelu_pool3_(Alpha(w, "onet.prelu3", 64), 2, 2),
      prelu4_(Alpha(w, "onet.prelu4", 128)),
      prelu5_(Alpha(w, "onet.prelu5", 256)),
      fc5_(Fc(w, "onet.fc5", 256, 1152), Bias(w, "onet.fc5", 256)),
      heads_(ConcatOutputs({&Fc(w, "onet.score", 2, 256), &Fc(w, "onet.bbox", 4, 256),
                            &Fc(w, "onet.landmarks", 10, 256)}),
             ConcatOutputs({&Bias(w, "onet.score", 2), &Bias(w, "onet.bbox", 4), &Bias(w, "onet.landmarks", 10)})),
      softmax_(2, kHeadStride) {}

void Onet::RunChunk(const float* input, size_t n, pthreadpool_t pool, float* heads, float* prob) {
  // 48 -conv3-> 46 -pool3s2-> 23 -conv3-> 21 -pool3s2-> 10 -conv3-> 8 -pool2s2-> 4 -conv2-> 3
  LayerProfile* p = profile_;
  Grow(&a_, n * 46 * 46 * 32);
  Grow(&b_, n * 23 * 23 * 32);
  TimedLayer(p, "onet.conv1", ConvFlops(n, 46, 46, 3, 3, 3, 32), [&] { conv1_.Run(input, a_.data(), n, 48, 48, pool); });
  TimedLayer(p, "onet.prelu1+pool1", ElementwiseFlops(n * 46 * 46 * 32) + PoolFlops(n, 23, 23, 32, 3),
             [&] { prelu_pool1_.Run(a_.data(), b_.data(), n, 46, 46); });
  TimedLayer(p, "onet.conv2", ConvFlops(n, 21, 21, 3, 3, 32, 64), [&] { conv2_.Run(b_.data(), a_.data(), n, 23, 23, pool); });
  TimedLayer(p, "onet.prelu2+pool2", ElementwiseFlops(n * 21 * 21 * 64) + PoolFlops(n, 10, 10, 64, 3),
             [&] { prelu_pool2_.Run(a_.data(), b_.data(), n, 21, 21); });
  TimedLayer(p, "onet.conv3", ConvFlops(n, 8, 8, 3, 3, 64, 64), [&] { conv3_.Run(b_.data(), a_.data(), n, 10, 10, pool); });
  TimedLayer(p, "onet.prelu3+pool3", ElementwiseFlops(n * 8 * 8 * 64) + PoolFlops(n, 4, 4, 64, 2),
             [&] { prelu_pool3_.Run(a_.data(), b_.data(), n, 8, 8); });
  TimedLayer(p, "onet.conv4", ConvFlops(n, 3, 3, 2, 2, 64, 128), [&] { conv4_.Run(b_.data(), a_.data(), n, 4, 4, pool); });
  TimedLayer(p, "onet.prelu4", ElementwiseFlops(n * 3 * 3 * 128), [&] { prelu4_.Run(a_.data(), a_.data(), n * 3 * 3, pool); });
  TimedLayer(p, "onet.fc5", FullyConnectedFlops(n, 1152, 256), [&] { fc5_.Run(a_.data(), b_.data(), n, pool); });
  TimedLayer(p, "onet.prelu5", ElementwiseFlops(n * 256), [&] { prelu5_.Run(b_.data(), b_.data(), n, pool); });
  TimedLayer(p, "onet.heads", FullyConnectedFlops(n, 256, kHeadStride), [&] { heads_.Run(b_.data(), heads, n, pool); });
  TimedLayer(p, "onet.softmax", ElementwiseFlops(n * 2 * 4), [&] { softmax_.Run(heads, prob, n, pool); });
}

}  // namespace mtcnn
