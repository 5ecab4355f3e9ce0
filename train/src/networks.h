// P-Net, R-Net and O-Net as libtorch modules, for training. Each is built from its layout
// (the same layers as src/nn/pnet.h, rnet.h, onet.h) in libtorch's own conventions: NCHW
// input with H along image y, OIHW kernels, Linear layers over the NCHW flatten (c, y, x).
// The weights file's conventions (OHWI kernels, the first fully connected layer over the
// NHWC flatten (y, x, c), PReLU slopes named alpha) are converted on import and export, so
// a trained file loads in the detector unchanged.
//
// P-Net and R-Net also get a landmark head during training, as in the paper (its
// multi-task loss gives every net a landmark term); the detector does not use it, so it is
// not exported, and importing a file without it starts it at zero.
#pragma once

#include <torch/torch.h>

#include <string>
#include <vector>

#include "safetensors_file.h"

namespace mtcnn::train {

enum class NetKind { kPnet, kRnet, kOnet };

const char* NetName(NetKind kind);  // "pnet", "rnet", "onet"
int InputSize(NetKind kind);        // 12, 24, 48

// One layer of a network's trunk, in order.
struct LayerSpec {
  enum Op { kConv, kPrelu, kPool, kFlatten, kDense } op;
  std::string name;  // weight name stem (conv1, prelu1, fc4); empty for pool and flatten
  int in = 0, out = 0, kernel = 0, stride = 1;
};
const std::vector<LayerSpec>& Layout(NetKind kind);

// What a network says about a batch: [N, 2] classification logits (non-face, face),
// [N, 4] box offsets (dx1, dy1, dx2, dy2), [N, 10] landmarks (five x, then five y). P-Net
// on an input bigger than 12x12 gives maps instead: [N, C, H, W].
struct NetOutput {
  torch::Tensor logits, box, landmarks;
};

class CascadeNetImpl : public torch::nn::Module {
 public:
  explicit CascadeNetImpl(NetKind kind);
  NetOutput forward(torch::Tensor input);
  NetKind kind() const { return kind_; }

 private:
  NetKind kind_;
  std::vector<torch::nn::AnyModule> trunk_;
  torch::nn::AnyModule score_, bbox_, landmarks_;
};
TORCH_MODULE(CascadeNet);

// Copies the file's tensors for `net` (names "pnet.conv1.weight", ...) into it. Every tensor
// the detector needs must be there, with the detector's shape; throws mtcnn::Error
// (kInvalidWeights) naming what is missing or wrong.
void ImportWeights(CascadeNet& net, const mtcnn::Weights& file);
// Adds `net`'s tensors, in the file's conventions and names, to `file`.
void ExportWeights(const CascadeNet& net, TensorFile& file);

}  // namespace mtcnn::train
