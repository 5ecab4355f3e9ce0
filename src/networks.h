// The three MTCNN networks as chains of XNNPACK operators on the natural NHWC image
// (weights/README.md explains why the seed's transposed input is not needed). Each is
// created once from the weights and reused for every call; buffers only grow.
//
// Outputs: face probabilities [n, 2] (channel 1 = face) and the raw heads [n, stride]:
// channels 0-1 are the classifier logits, 2-5 the box regression (dx1, dy1, dx2, dy2) and,
// for O-Net, 6-15 the landmarks (five x, then five y). The heads of each network are fused
// into one layer, so one GEMM produces them all.
#pragma once

#include <cstddef>
#include <memory>
#include <vector>

#include "layers/column_triple_conv.h"
#include "layers/conv2d.h"
#include "layers/fully_connected.h"
#include "layers/prelu.h"
#include "layers/prelu_max_pool.h"
#include "layers/softmax.h"
#include "layer_profile.h"
#include "weights.h"

namespace mtcnn {

// Output of one network run: probabilities and heads, row-major per position/crop.
struct NetOutput {
  size_t rows = 0;  // the buffers below may be longer (kept from a bigger output)
  size_t head_stride = 0;
  std::vector<float> prob;   // [rows, 2]
  std::vector<float> heads;  // [rows, head_stride]
  float Face(size_t i) const { return prob[2 * i + 1]; }
  const float* Head(size_t i) const { return heads.data() + i * head_stride; }
};

// Resizes a buffer to at least n elements, never down: buffers reused by calls of
// different sizes keep their largest size, instead of being zero-filled again each time
// a call grows them back.
inline void Grow(std::vector<float>* v, size_t n) {
  if (v->size() < n) v->resize(n);
}

// What one P-Net (stage 1 has one per thread) may keep in per-size operators of its three
// 3x3 convolutions (Conv2d's shape cache): in the WebAssembly builds, every band size of a
// VGA frame's pyramid at min_face_size 20 (about 8, 2 and 2 MiB); bigger images keep what
// fits.
constexpr uint64_t kPnetShapeCacheBytes[3] = {uint64_t{12} << 20, uint64_t{4} << 20, uint64_t{4} << 20};

// P-Net: fully convolutional; a (h, w) level gives an (h', w') map of 12x12 cells, stride 2.
class Pnet {
 public:
  explicit Pnet(const Weights& w);
  // input: [h, w, 3]; out rows = MapHeight(h) * MapWidth(w), row-major over (y, x).
  void Run(const float* input, size_t h, size_t w, pthreadpool_t pool, NetOutput* out);
  // A detection begins: the layers' shape caches count their sizes' staleness in these.
  void Tick();
  size_t MapHeight(size_t h) const;
  size_t MapWidth(size_t w) const;

  // Times every layer into `profile` (nullptr: off).
  void set_profile(LayerProfile* profile) { profile_ = profile; }

 private:
  ColumnTripleConv conv1_;
  Conv2d conv2_, conv3_, heads_;
  PReluMaxPool prelu_pool1_;
  PRelu prelu2_, prelu3_;
  Softmax softmax_;
  std::vector<float> a_, b_;
  LayerProfile* profile_ = nullptr;
};

// R-Net on 24x24 crops, O-Net on 48x48 crops, [n, s, s, 3], run in chunks of kChunk crops
// (CropNetRunner drives them): big enough to keep both threads busy, small enough that a
// chunk's activations stay in cache (one batch of hundreds is slower on every build).
// kThreadedChunk is the largest chunk when several threads share a stage: smaller for
// O-Net, whose crop costs as much as eight R-Net ones, so the threads end closer together
// (test640 at min_face_size 20, two threads in Chromium: O-Net's idle thread time 1.6 ->
// 0.8, 1.1 -> 0.2 ms; on one thread chunks of four cost 1% more than of eight).
class Rnet {
 public:
  static constexpr size_t kInputSize = 24;
  static constexpr size_t kHeadStride = 6;
  static constexpr size_t kChunk = 32;
  static constexpr size_t kThreadedChunk = 32;
  explicit Rnet(const Weights& w);
  // n <= kChunk crops; heads [n, kHeadStride], prob [n, 2].
  void RunChunk(const float* input, size_t n, pthreadpool_t pool, float* heads, float* prob);

  // Times every layer into `profile` (nullptr: off).
  void set_profile(LayerProfile* profile) { profile_ = profile; }

 private:
  ColumnTripleConv conv1_;
  Conv2d conv2_, conv3_;
  PReluMaxPool prelu_pool1_, prelu_pool2_;
  PRelu prelu3_, prelu4_;
  FullyConnected fc4_, heads_;
  Softmax softmax_;
  std::vector<float> a_, b_;
  LayerProfile* profile_ = nullptr;
};

class Onet {
 public:
  static constexpr size_t kInputSize = 48;
  static constexpr size_t kHeadStride = 16;
  static constexpr size_t kChunk = 8;
  static constexpr size_t kThreadedChunk = 4;
  explicit Onet(const Weights& w);
  // n <= kChunk crops; heads [n, kHeadStride], prob [n, 2].
  void RunChunk(const float* input, size_t n, pthreadpool_t pool, float* heads, float* prob);

  // Times every layer into `profile` (nullptr: off).
  void set_profile(LayerProfile* profile) { profile_ = profile; }

 private:
  ColumnTripleConv conv1_;
  Conv2d conv2_, conv3_, conv4_;
  PReluMaxPool prelu_pool1_, prelu_pool2_, prelu_pool3_;
  PRelu prelu4_, prelu5_;
  FullyConnected fc5_, heads_;
  Softmax softmax_;
  std::vector<float> a_, b_;
  LayerProfile* profile_ = nullptr;
};

}  // namespace mtcnn
