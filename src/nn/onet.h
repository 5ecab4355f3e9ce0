// O-Net, the output network, on n crops of 48 x 48 at a time:
//   48x48x3 -conv 3x3-> 46x46x32 -PReLU, max pool 3/2-> 23x23x32 -conv 3x3-> 21x21x64
//   -PReLU, max pool 3/2-> 10x10x64 -conv 3x3-> 8x8x64 -PReLU, max pool 2/2-> 4x4x64
//   -conv 2x2-> 3x3x128 -PReLU-> fc 256 -PReLU->
//   heads (fully connected): 2 logits, 4 box offsets, 10 landmark coordinates per crop
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

class Onet {
 public:
  static constexpr size_t kInputSize = 48;
  static constexpr ConvSpec kConv1{"onet.conv1", 3, 32};
  static constexpr PReluPoolSpec kPool1{"onet.prelu1+pool1", "onet.prelu1", 3, 2};
  static constexpr ConvSpec kConv2{"onet.conv2", 3, 64};
  static constexpr PReluPoolSpec kPool2{"onet.prelu2+pool2", "onet.prelu2", 3, 2};
  static constexpr ConvSpec kConv3{"onet.conv3", 3, 64};
  static constexpr PReluPoolSpec kPool3{"onet.prelu3+pool3", "onet.prelu3", 2, 2};
  static constexpr ConvSpec kConv4{"onet.conv4", 2, 128};
  static constexpr PReluSpec kPrelu4{"onet.prelu4"};
  static constexpr DenseSpec kFc5{"onet.fc5", 256};
  static constexpr PReluSpec kPrelu5{"onet.prelu5"};
  static constexpr DenseSpec kHeads{"onet.heads", HeadLayout::kWithLandmarks};
  static constexpr SoftmaxSpec kSoftmax{"onet.softmax"};
  // The most crops per run (see Rnet::kChunk); an O-Net crop costs as much as eight R-Net
  // ones.
  static constexpr size_t kChunk = 8;

  // The activations of n crops.
  struct Shapes {
    explicit Shapes(size_t n);
    Shape input, conv1, pool1, conv2, pool2, conv3, pool3, conv4, fc5;
  };
  // What a run on n crops holds besides its input and output: activations and its layers'
  // working memory (column triples, indirection buffers).
  static uint64_t WorkingBytes(size_t n);

  explicit Onet(const Weights& w);
  // input: [n, 48, 48, 3], n <= kChunk; heads: [n, kHeads.out]; prob: [n, 2].
  void RunChunk(const float* input, size_t n, pthreadpool_t pool, float* heads, float* prob);
  // Times every layer into `profile` (nullptr: off).
  void set_profile(LayerProfile* profile) { profile_ = profile; }

 private:
  ColumnTripleConv conv1_;
  PReluMaxPool prelu_pool1_;
  Conv2d conv2_;
  PReluMaxPool prelu_pool2_;
  Conv2d conv3_;
  PReluMaxPool prelu_pool3_;
  Conv2d conv4_;
  PRelu prelu4_;
  FullyConnected fc5_;
  PRelu prelu5_;
  FullyConnected heads_;
  Softmax softmax_;
  std::vector<float> a_, b_;  // activations alternate between the two
  LayerProfile* profile_ = nullptr;
};

}  // namespace mtcnn
