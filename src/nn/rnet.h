// R-Net, the refinement network, on n crops of 24 x 24 at a time:
//   24x24x3 -conv 3x3-> 22x22x28 -PReLU, max pool 3/2-> 11x11x28 -conv 3x3-> 9x9x48
//   -PReLU, max pool 3/2-> 4x4x48 -conv 2x2-> 3x3x64 -PReLU-> fc 128 -PReLU->
//   heads (fully connected): 2 logits, 4 box offsets per crop
#pragma once

#include <pthreadpool.h>

#include <cstddef>
#include <cstdint>
#include <vector>

#include "nn/layers/column_triple_conv.h"
#include "nn/layers/conv2d.h"
#include "nn/layers/fully_connected.h"
#include "nn/layers/prelu.h"
#include "nn/layers/prelu_max_pool.h"
#include "nn/layers/softmax.h"
#include "nn/layout.h"
#include "nn/net_output.h"
#include "nn/weights.h"
#include "runtime/layer_profile.h"

namespace mtcnn {

class Rnet {
 public:
  static constexpr size_t kInputSize = 24;
  static constexpr ConvSpec kConv1{"rnet.conv1", 3, 28};
  static constexpr PReluPoolSpec kPool1{"rnet.prelu1+pool1", "rnet.prelu1", 3, 2};
  static constexpr ConvSpec kConv2{"rnet.conv2", 3, 48};
  static constexpr PReluPoolSpec kPool2{"rnet.prelu2+pool2", "rnet.prelu2", 3, 2};
  static constexpr ConvSpec kConv3{"rnet.conv3", 2, 64};
  static constexpr PReluSpec kPrelu3{"rnet.prelu3"};
  static constexpr DenseSpec kFc4{"rnet.fc4", 128};
  static constexpr PReluSpec kPrelu4{"rnet.prelu4"};
  static constexpr DenseSpec kHeads{"rnet.heads", HeadLayout::kWithoutLandmarks};
  static constexpr SoftmaxSpec kSoftmax{"rnet.softmax"};
  // The most crops per run: enough to keep a thread busy, few enough that a run's
  // activations stay in cache (one batch of hundreds is slower on every build).
  static constexpr size_t kChunk = 32;

  // The activations of n crops.
  struct Shapes {
    explicit Shapes(size_t n);
    Shape input, conv1, pool1, conv2, pool2, conv3, fc4;
  };
  // What a run on n crops holds besides its input and output: activations and its layers'
  // working memory (column triples, indirection buffers).
  static uint64_t WorkingBytes(size_t n);

  explicit Rnet(const Weights& w);
  // input: [n, 24, 24, 3], n <= kChunk; heads: [n, kHeads.out]; prob: [n, 2].
  void RunChunk(const float* input, size_t n, pthreadpool_t pool, float* heads, float* prob);
  // Times every layer into `profile` (nullptr: off).
  void set_profile(LayerProfile* profile) { profile_ = profile; }

 private:
  ColumnTripleConv conv1_;
  PReluMaxPool prelu_pool1_;
  Conv2d conv2_;
  PReluMaxPool prelu_pool2_;
  Conv2d conv3_;
  PRelu prelu3_;
  FullyConnected fc4_;
  PRelu prelu4_;
  FullyConnected heads_;
  Softmax softmax_;
  std::vector<float> a_, b_;  // activations alternate between the two
  LayerProfile* profile_ = nullptr;
};

}  // namespace mtcnn
