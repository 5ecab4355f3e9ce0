// Runs R-Net or O-Net over a stage's crops on a thread pool. With many chunks (at least
// kChunksPerThread per thread, so that uneven last chunks do not unbalance the threads),
// whole chunks run side by side, each single-threaded on its thread's own network: no fork
// and join inside every operator. With fewer (O-Net's few dozen crops, a webcam frame's
// handful) one network splits each chunk over the pool. A chunk's numbers do not depend on
// where or how it runs, so neither does the output.
#pragma once

#include <pthreadpool.h>

#include <algorithm>
#include <memory>
#include <vector>

#include "networks.h"
#include "parallel_for.h"
#include "weights.h"

namespace mtcnn {

template <typename Net>
class CropNetRunner {
 public:
  CropNetRunner(const Weights& weights, int threads) {
    for (int t = 0; t < std::max(1, threads); ++t) nets_.push_back(std::make_unique<Net>(weights));
  }

  // input: [n, s, s, 3] crops; out: n rows of probabilities and heads.
  void Run(const float* input, size_t n, pthreadpool_t pool, NetOutput* out) {
    out->rows = n;
    out->head_stride = Net::kHeadStride;
    out->heads.resize(n * Net::kHeadStride);
    out->prob.resize(n * 2);
    const size_t chunks = (n + Net::kChunk - 1) / Net::kChunk;
    Job job{this, input, n, out};
    if (pool != nullptr && nets_.size() > 1 && chunks >= kChunksPerThread * nets_.size()) {
      ParallelFor(pool, chunks, [&job](size_t thread, size_t chunk) { RunOneChunk(job, thread, chunk, nullptr); });
    } else {
      for (size_t c = 0; c < chunks; ++c) RunOneChunk(job, 0, c, pool);
    }
  }

 private:
  static constexpr size_t kCropFloats = Net::kInputSize * Net::kInputSize * 3;
  static constexpr size_t kChunksPerThread = 4;
  struct Job {
    CropNetRunner* runner;
    const float* input;
    size_t n;
    NetOutput* out;
  };

  static void RunOneChunk(const Job& job, size_t thread, size_t chunk, pthreadpool_t pool) {
    const size_t first = chunk * Net::kChunk;
    const size_t m = std::min(Net::kChunk, job.n - first);
    job.runner->nets_[thread]->RunChunk(job.input + first * kCropFloats, m, pool,
                                        job.out->heads.data() + first * Net::kHeadStride,
                                        job.out->prob.data() + first * 2);
  }

  std::vector<std::unique_ptr<Net>> nets_;  // one per thread
};

}  // namespace mtcnn
