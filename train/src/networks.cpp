#include "networks.h"

#include <stdexcept>

namespace mtcnn::train {
namespace {

using Op = LayerSpec::Op;

LayerSpec Conv(const char* name, int in, int out, int kernel) {
  return {Op::kConv, name, in, out, kernel};
}
LayerSpec Prelu(const char* name, int channels) { return {Op::kPrelu, name, channels, channels}; }
LayerSpec Pool(int kernel, int stride) { return {Op::kPool, "", 0, 0, kernel, stride}; }
// The trunk's last map, `channels` x side x side, flattened for a dense layer.
LayerSpec Flatten(int channels, int side) { return {Op::kFlatten, "", channels, 0, side}; }
LayerSpec Dense(const char* name, int in, int out) { return {Op::kDense, name, in, out}; }

// Each network's trunk and the width of its heads' input: the paper's Figure 2, the same
// layers as src/nn/pnet.h, rnet.h, onet.h.
int HeadInputs(NetKind kind) {
  return kind == NetKind::kPnet ? 32 : kind == NetKind::kRnet ? 128 : 256;
}

std::string Key(NetKind kind, const std::string& layer, const char* what) {
  return std::string(NetName(kind)) + "." + layer + "." + what;
}

// The file's tensor `name`, which must have `shape` (Weights::Get names what is wrong).
const mtcnn::Tensor& Need(const mtcnn::Weights& file, const std::string& name,
                          const std::vector<int>& shape) {
  return file.Get(name, std::vector<size_t>(shape.begin(), shape.end()));
}

torch::Tensor FromFile(const mtcnn::Tensor& t) {
  const std::vector<int64_t> shape(t.shape.begin(), t.shape.end());
  return torch::from_blob(const_cast<float*>(t.data.data()), shape, torch::kFloat32).clone();
}

FileTensor ToFile(const torch::Tensor& t) {
  const torch::Tensor c = t.detach().to(torch::kFloat32).contiguous();
  FileTensor out{c.sizes().vec(), {}};
  out.data.assign(c.data_ptr<float>(), c.data_ptr<float>() + c.numel());
  return out;
}

// The file's kernels are OHWI; libtorch's are OIHW.
torch::Tensor KernelFromFile(const mtcnn::Tensor& t) { return FromFile(t).permute({0, 3, 1, 2}); }
torch::Tensor KernelToFile(const torch::Tensor& w) { return w.permute({0, 2, 3, 1}); }

// A dense layer right after the trunk: the file's inputs are flattened (y, x, c), libtorch's
// (c, y, x).
torch::Tensor FlattenedFromFile(const mtcnn::Tensor& t, int channels, int side) {
  const int64_t out = static_cast<int64_t>(t.shape[0]);
  return FromFile(t).view({out, side, side, channels}).permute({0, 3, 1, 2}).reshape({out, -1});
}
torch::Tensor FlattenedToFile(const torch::Tensor& w, int channels, int side) {
  return w.view({w.size(0), channels, side, side}).permute({0, 2, 3, 1}).reshape({w.size(0), -1});
}

}  // namespace

const char* NetName(NetKind kind) {
  return kind == NetKind::kPnet ? "pnet" : kind == NetKind::kRnet ? "rnet" : "onet";
}

int InputSize(NetKind kind) {
  return kind == NetKind::kPnet ? 12 : kind == NetKind::kRnet ? 24 : 48;
}

const std::vector<LayerSpec>& Layout(NetKind kind) {
  // 12x12x3 -> conv 3x3 -> 10x10x10 -> pool 2/2 -> 5x5x10 -> conv 3x3 -> 3x3x16 -> conv 3x3
  // -> 1x1x32, then 1x1 convolutions for the heads.
  static const std::vector<LayerSpec> pnet = {
      Conv("conv1", 3, 10, 3),  Prelu("prelu1", 10), Pool(2, 2),
      Conv("conv2", 10, 16, 3), Prelu("prelu2", 16), Conv("conv3", 16, 32, 3),
      Prelu("prelu3", 32)};
  // 24x24x3 -> 22x22x28 -> pool 3/2 -> 11x11x28 -> 9x9x48 -> pool 3/2 -> 4x4x48 -> conv 2x2
  // -> 3x3x64 -> dense 128.
  static const std::vector<LayerSpec> rnet = {
      Conv("conv1", 3, 28, 3),  Prelu("prelu1", 28), Pool(3, 2),
      Conv("conv2", 28, 48, 3), Prelu("prelu2", 48), Pool(3, 2),
      Conv("conv3", 48, 64, 2), Prelu("prelu3", 64), Flatten(64, 3),
      Dense("fc4", 576, 128),   Prelu("prelu4", 128)};
  // 48x48x3 -> 46x46x32 -> pool 3/2 -> 23x23x32 -> 21x21x64 -> pool 3/2 -> 10x10x64 -> 8x8x64
  // -> pool 2/2 -> 4x4x64 -> conv 2x2 -> 3x3x128 -> dense 256.
  static const std::vector<LayerSpec> onet = {
      Conv("conv1", 3, 32, 3),   Prelu("prelu1", 32),  Pool(3, 2),
      Conv("conv2", 32, 64, 3),  Prelu("prelu2", 64),  Pool(3, 2),
      Conv("conv3", 64, 64, 3),  Prelu("prelu3", 64),  Pool(2, 2),
      Conv("conv4", 64, 128, 2), Prelu("prelu4", 128), Flatten(128, 3),
      Dense("fc5", 1152, 256),   Prelu("prelu5", 256)};
  return kind == NetKind::kPnet ? pnet : kind == NetKind::kRnet ? rnet : onet;
}

CascadeNetImpl::CascadeNetImpl(NetKind kind) : kind_(kind) {
  namespace nn = torch::nn;
  int pool_index = 0;
  for (const LayerSpec& l : Layout(kind)) {
    switch (l.op) {
      case Op::kConv:
        trunk_.emplace_back(
            register_module(l.name, nn::Conv2d(nn::Conv2dOptions(l.in, l.out, l.kernel))));
        break;
      case Op::kPrelu:
        trunk_.emplace_back(
            register_module(l.name, nn::PReLU(nn::PReLUOptions().num_parameters(l.in))));
        break;
      case Op::kPool:
        // Caffe's pooling rounds the output size up: a last, partial window is kept.
        trunk_.emplace_back(register_module(
            "pool" + std::to_string(++pool_index),
            nn::MaxPool2d(nn::MaxPool2dOptions(l.kernel).stride(l.stride).ceil_mode(true))));
        break;
      case Op::kFlatten: trunk_.emplace_back(register_module("flatten", nn::Flatten())); break;
      case Op::kDense: trunk_.emplace_back(register_module(l.name, nn::Linear(l.in, l.out))); break;
    }
  }
  const int in = HeadInputs(kind);
  auto head = [&](const char* name, int out) {
    if (kind == NetKind::kPnet) {
      return nn::AnyModule(register_module(name, nn::Conv2d(nn::Conv2dOptions(in, out, 1))));
    }
    return nn::AnyModule(register_module(name, nn::Linear(in, out)));
  };
  score_ = head("score", 2);
  bbox_ = head("bbox", 4);
  landmarks_ = head("landmarks", 10);
}

NetOutput CascadeNetImpl::forward(torch::Tensor x) {
  for (auto& layer : trunk_) x = layer.forward(x);
  return {score_.forward(x), bbox_.forward(x), landmarks_.forward(x)};
}

void ImportWeights(CascadeNet& net, const mtcnn::Weights& file) {
  const NetKind kind = net->kind();
  torch::NoGradGuard no_grad;
  auto params = net->named_parameters();
  auto set = [&](const std::string& name, const torch::Tensor& value) {
    params[name].copy_(value.reshape(params[name].sizes()));
  };
  const LayerSpec* flatten = nullptr;
  for (const LayerSpec& l : Layout(kind)) {
    if (l.op == Op::kConv) {
      set(l.name + ".weight", KernelFromFile(Need(file, Key(kind, l.name, "weight"),
                                                  {l.out, l.kernel, l.kernel, l.in})));
    } else if (l.op == Op::kPrelu) {
      set(l.name + ".weight", FromFile(Need(file, Key(kind, l.name, "alpha"), {l.in})));
      continue;
    } else if (l.op == Op::kFlatten) {
      flatten = &l;
      continue;
    } else if (l.op == Op::kDense) {
      const mtcnn::Tensor& w = Need(file, Key(kind, l.name, "weight"), {l.out, l.in});
      set(l.name + ".weight",
          flatten ? FlattenedFromFile(w, flatten->in, flatten->kernel) : FromFile(w));
      flatten = nullptr;
    } else {
      continue;
    }
    set(l.name + ".bias", FromFile(Need(file, Key(kind, l.name, "bias"), {l.out})));
  }
  const int in = HeadInputs(kind);
  std::vector<std::pair<const char*, int>> heads = {{"score", 2}, {"bbox", 4}};
  if (kind == NetKind::kOnet || file.Find(Key(kind, "landmarks", "weight"))) {
    heads.push_back({"landmarks", 10});
  } else {
    // A new head starts at zero: its gradient into the trained trunk is then zero too, and
    // grows only as the head learns, instead of a random head's large errors reshaping
    // features the other heads rely on.
    params["landmarks.weight"].zero_();
    params["landmarks.bias"].zero_();
  }
  for (const auto& [name, out] : heads) {
    const std::vector<int> shape =
        kind == NetKind::kPnet ? std::vector<int>{out, 1, 1, in} : std::vector<int>{out, in};
    const mtcnn::Tensor& w = Need(file, Key(kind, name, "weight"), shape);
    set(std::string(name) + ".weight", kind == NetKind::kPnet ? KernelFromFile(w) : FromFile(w));
    set(std::string(name) + ".bias", FromFile(Need(file, Key(kind, name, "bias"), {out})));
  }
}

void ExportWeights(const CascadeNet& net, TensorFile& file) {
  const NetKind kind = net->kind();
  const auto params = net->named_parameters();
  const LayerSpec* flatten = nullptr;
  for (const LayerSpec& l : Layout(kind)) {
    if (l.op == Op::kConv) {
      file[Key(kind, l.name, "weight")] = ToFile(KernelToFile(params[l.name + ".weight"]));
    } else if (l.op == Op::kPrelu) {
      file[Key(kind, l.name, "alpha")] = ToFile(params[l.name + ".weight"]);
      continue;
    } else if (l.op == Op::kFlatten) {
      flatten = &l;
      continue;
    } else if (l.op == Op::kDense) {
      const torch::Tensor& w = params[l.name + ".weight"];
      file[Key(kind, l.name, "weight")] =
          ToFile(flatten ? FlattenedToFile(w, flatten->in, flatten->kernel) : w);
      flatten = nullptr;
    } else {
      continue;
    }
    file[Key(kind, l.name, "bias")] = ToFile(params[l.name + ".bias"]);
  }
  // The detector reads a landmark head from O-Net only.
  std::vector<const char*> heads = {"score", "bbox"};
  if (kind == NetKind::kOnet) heads.push_back("landmarks");
  for (const char* name : heads) {
    const torch::Tensor& w = params[std::string(name) + ".weight"];
    file[Key(kind, name, "weight")] = ToFile(kind == NetKind::kPnet ? KernelToFile(w) : w);
    file[Key(kind, name, "bias")] = ToFile(params[std::string(name) + ".bias"]);
  }
}

}  // namespace mtcnn::train
