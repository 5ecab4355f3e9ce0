#include "nn/layers/prelu.h"

#include <cstring>
#include <numeric>

#include "nn/layers/prelu_rule.h"

namespace mtcnn {

PRelu::PRelu(const Tensor& alpha) : channels_(alpha.data.size()) {
  period_ = std::lcm(channels_, size_t{4});
  slopes_.resize(period_ + 4);
  for (size_t i = 0; i < slopes_.size(); ++i) slopes_[i] = alpha.data[i % channels_];
}

void PRelu::Run(const float* x, float* y, size_t rows) const {
  const size_t n = rows * channels_;
  const float* slopes = slopes_.data();
  size_t i = 0, k = 0;  // k: the position of x[i] in the slope pattern
#if defined(MTCNN_PRELU_VECTORS)
  for (; i + 4 <= n; i += 4) {
    prelu_rule::Floats4 v, a;
    std::memcpy(&v, x + i, sizeof v);
    std::memcpy(&a, slopes + k, sizeof a);
    const prelu_rule::Floats4 r = prelu_rule::Apply(v, a);
    std::memcpy(y + i, &r, sizeof r);
    k += 4;
    if (k == period_) k = 0;
  }
#endif
  for (; i < n; ++i, ++k) y[i] = prelu_rule::Apply(x[i], slopes[k % period_]);
}

}  // namespace mtcnn
