// P-Net, the proposal network: fully convolutional over a pyramid level (or a band of its
// rows); each cell of its output map scores the 12 x 12 window at twice the cell's position
// and regresses that window's box:
//   h x w x 3 -conv 3x3-> 10 -PReLU, max pool 2/2-> -conv 3x3-> 16 -PReLU-> -conv 3x3-> 32
//   -PReLU-> heads (1x1 convolution): 2 logits, 4 box offsets per cell
// It runs on the natural NHWC image (weights/README.md explains why the reference's transposed
// input is not needed), its operators created once from the weights; buffers only grow.
#pragma once

#include <pthreadpool.h>

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include "nn/layers/column_triple_conv.h"
#include "nn/layers/conv2d.h"
#include "nn/layers/prelu.h"
#include "nn/layers/prelu_max_pool.h"
#include "nn/layers/softmax.h"
#include "nn/layout.h"
#include "nn/net_output.h"
#include "nn/weights.h"
#include "runtime/layer_profile.h"

namespace mtcnn {

class Pnet {
 public:
  static constexpr ConvSpec kConv1{"pnet.conv1", 3, 10};
  static constexpr PReluPoolSpec kPool1{"pnet.prelu1+pool1", "pnet.prelu1", 2, 2};
  static constexpr ConvSpec kConv2{"pnet.conv2", 3, 16};
  static constexpr PReluSpec kPrelu2{"pnet.prelu2"};
  static constexpr ConvSpec kConv3{"pnet.conv3", 3, 32};
  static constexpr PReluSpec kPrelu3{"pnet.prelu3"};
  static constexpr ConvSpec kHeads{"pnet.heads", 1, HeadLayout::kWithoutLandmarks};
  static constexpr SoftmaxSpec kSoftmax{"pnet.softmax"};

  // A map cell sees a kCellSize x kCellSize window of the input, and neighbouring cells'
  // windows are kStride pixels apart (the reference's generateBoundingBox: cellsize 12,
  // stride 2).
  static constexpr int kCellSize = 12;
  static constexpr int kStride = 2;

  // The activations of an h x w input; `map` is conv3's, one row of heads per cell.
  struct Shapes {
    Shapes(size_t h, size_t w);
    Shape input, conv1, pool1, conv2, map;
  };
  // The map's size along an axis of n >= kCellSize input pixels.
  static size_t MapSize(size_t n) { return Shapes(n, n).map.h; }
  // What a run on an h x w input holds: activations, outputs, and its layers' working
  // memory (column triples, indirection buffers).
  static uint64_t WorkingBytes(size_t h, size_t w);
  // What one P-Net may keep in per-size operators of its 3x3 convolutions (Conv2d's shape
  // cache) for these input sizes (h, w), within each convolution's budget.
  static uint64_t KeptOperatorBytes(const std::vector<std::pair<size_t, size_t>>& sizes);

  explicit Pnet(const Weights& w);
  // input: [h, w, 3]; out: MapSize(h) x MapSize(w) rows, row-major over (y, x).
  void Run(const float* input, size_t h, size_t w, pthreadpool_t pool, NetOutput* out);
  // A detection begins: the layers' shape caches count their sizes' staleness in these.
  void Tick();
  // Times every layer into `profile` (nullptr: off).
  void set_profile(LayerProfile* profile) { profile_ = profile; }

 private:
  ColumnTripleConv conv1_;
  PReluMaxPool prelu_pool1_;
  Conv2d conv2_;
  PRelu prelu2_;
  Conv2d conv3_;
  PRelu prelu3_;
  Conv2d heads_;
  Softmax softmax_;
  std::vector<float> a_, b_;  // activations alternate between the two
  LayerProfile* profile_ = nullptr;
};

}  // namespace mtcnn
