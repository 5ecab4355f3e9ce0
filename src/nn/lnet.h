// LNet, MTCNN's landmark refinement network (det4 of the authors' MTCNNv2), on n faces at a
// time. Five branches, one per landmark (Keypoint order), each on a 24 x 24 patch around
// its point:
//   24x24x3 -conv 3x3-> 22x22x28 -PReLU, max pool 3/2-> 11x11x28 -conv 3x3-> 9x9x48
//   -PReLU, max pool 3/2-> 4x4x48 -conv 2x2-> 3x3x64 -PReLU->
// then on the five branches' maps one after another (5 x 3x3x64 = 2880):
//   fc 256 -PReLU-> for each landmark: fc 64 -PReLU-> fc 2, the point's place in its
//   patch (x, then y, as fractions of the patch side).
#pragma once

#include <pthreadpool.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "nn/layers/column_triple_conv.h"
#include "nn/layers/conv2d.h"
#include "nn/layers/fully_connected.h"
#include "nn/layers/prelu.h"
#include "nn/layers/prelu_max_pool.h"
#include "nn/layout.h"
#include "nn/weights.h"
#include "runtime/layer_profile.h"

namespace mtcnn {

class Lnet {
 public:
  static constexpr size_t kInputSize = 24;
  static constexpr size_t kBranches = 5;
  // A branch's layers; its weights are named `<name>_<branch>` (branches 1 to 5), and the
  // profiler sums the five under `<name>`.
  static constexpr ConvSpec kConv1{"lnet.conv1", 3, 28};
  static constexpr PReluPoolSpec kPool1{"lnet.prelu1+pool1", "lnet.prelu1", 3, 2};
  static constexpr ConvSpec kConv2{"lnet.conv2", 3, 48};
  static constexpr PReluPoolSpec kPool2{"lnet.prelu2+pool2", "lnet.prelu2", 3, 2};
  static constexpr ConvSpec kConv3{"lnet.conv3", 2, 64};
  static constexpr PReluSpec kPrelu3{"lnet.prelu3"};
  // Shared by the branches.
  static constexpr DenseSpec kFc4{"lnet.fc4", 256};
  static constexpr PReluSpec kPrelu4{"lnet.prelu4"};
  // A branch's head, `<name>_<branch>` again.
  static constexpr DenseSpec kFc4Branch{"lnet.fc4", 64};
  static constexpr PReluSpec kPrelu4Branch{"lnet.prelu4"};
  static constexpr DenseSpec kFc5{"lnet.fc5", 2};
  // The most faces per run.
  static constexpr size_t kChunk = 8;
  static constexpr size_t kPatchFloats = kInputSize * kInputSize * 3;

  // A branch's activations on n patches.
  struct Shapes {
    explicit Shapes(size_t n);
    Shape input, conv1, pool1, conv2, pool2, conv3;
  };
  // What a run on n faces holds besides its input and output.
  static uint64_t WorkingBytes(size_t n);

  // Throws kInvalidWeights when a tensor is missing or misshapen.
  explicit Lnet(const Weights& w);
  // patches: [kBranches, n, 24, 24, 3] (the faces' patches of each landmark in turn, in
  // Keypoint order), n <= kChunk; places: [n, kBranches, 2].
  void RunChunk(const float* patches, size_t n, pthreadpool_t pool, float* places);
  void set_profile(LayerProfile* profile) { profile_ = profile; }

 private:
  struct Branch {
    Branch(const Weights& w, size_t b);
    ColumnTripleConv conv1;
    PReluMaxPool prelu_pool1;
    Conv2d conv2;
    PReluMaxPool prelu_pool2;
    Conv2d conv3;
    PRelu prelu3;
    FullyConnected fc4;
    PRelu prelu4;
    FullyConnected fc5;
  };
  std::vector<std::unique_ptr<Branch>> branches_;
  FullyConnected fc4_;
  PRelu prelu4_;
  // A branch's activations (alternating), the maps of all five ([n, 5 x 576]), the shared
  // features, and a branch's head.
  std::vector<float> a_, b_, maps_, features_, head_, place_;
  LayerProfile* profile_ = nullptr;
};

}  // namespace mtcnn
