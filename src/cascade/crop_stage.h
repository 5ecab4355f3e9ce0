// Runs R-Net or O-Net over a stage's crops on the thread pool, building each chunk's crops
// right before the network runs on them (while they are in cache, and with one fork and
// join for the whole stage instead of one for the crops and one for the network).
//
// With two or more crops and threads, whole chunks run side by side, each single-threaded
// on its thread's own network: no fork and join inside every operator. A single crop (or a
// single thread) instead runs the chunks one after another, each layer split over the pool.
// A crop's numbers do not depend on its chunk or thread, so neither does the output.
#pragma once

#include <pthreadpool.h>

#include <algorithm>
#include <memory>
#include <vector>

#include "nn/net_output.h"
#include "nn/weights.h"
#include "runtime/layer_profile.h"
#include "runtime/parallel_for.h"
#include "runtime/stage_timer.h"
#include "runtime/stopwatch.h"

namespace mtcnn {

template <typename Net>
class CropStage {
 public:
  static constexpr size_t kCropFloats = Net::kInputSize * Net::kInputSize * 3;

  // `threaded_chunk`: the most crops in a chunk when threads share the stage (Net::kChunk
  // when they do not).
  CropStage(const Weights& weights, int threads, size_t threaded_chunk = Net::kChunk)
      : threaded_chunk_(std::min(threaded_chunk, Net::kChunk)) {
    for (int t = 0; t < std::max(1, threads); ++t) nets_.push_back(std::make_unique<Net>(weights));
    busy_.resize(nets_.size());
  }

  // Times every layer of thread t's network into (*profiles)[t], one profile per thread
  // (nullptr: off).
  void set_profile(std::vector<LayerProfile>* profiles) {
    for (size_t t = 0; t < nets_.size(); ++t)
      nets_[t]->set_profile(profiles ? &(*profiles)[t] : nullptr);
  }

  // Builds and runs n crops: build(thread, first, m, dst, pool) writes crops [first,
  // first + m) to dst, splitting them over `pool` when it is not null. `input` holds the
  // crops after (R-Net's and O-Net's stages share it: it only grows); `out` their n rows.
  // Returns the threads' time building crops (first) and running the network (second).
  template <typename Build>
  BusyTime Run(size_t n, pthreadpool_t pool, const Build& build, std::vector<float>* input,
               NetOutput* out) {
    out->Prepare(n, Net::kHeads.out);
    Grow(input, n * kCropFloats);
    std::fill(busy_.begin(), busy_.end(), BusyTime());
    ForEachChunk(n, pool, [&](size_t thread, size_t first, size_t m, pthreadpool_t chunk_pool) {
      float* crops = input->data() + first * kCropFloats;
      Stopwatch watch;
      build(thread, first, m, crops, chunk_pool);
      watch.Lap(&busy_[thread].first);
      nets_[thread]->RunChunk(crops, m, chunk_pool, out->heads.data() + first * Net::kHeads.out,
                              out->prob.data() + first * HeadLayout::kLogitCount);
      watch.Lap(&busy_[thread].second);
    });
    BusyTime total;
    for (const BusyTime& b : busy_) {
      total.first += b.first;
      total.second += b.second;
    }
    return total;
  }

 private:
  // fn(thread, first, m, chunk_pool) for chunks covering [0, n).
  template <typename Fn>
  void ForEachChunk(size_t n, pthreadpool_t pool, const Fn& fn) {
    const size_t threads = pool != nullptr ? nets_.size() : 1;
    if (threads > 1 && n > 1) {
      // As few chunks as threaded_chunk_ allows, since every chunk pays each layer's setup
      // again (on WebAssembly as much as a few crops), but at least kChunksPerThread a
      // thread, so that pthreadpool can hand a thread's unstarted chunks to another when
      // the host runs it late; a multiple of the thread count, their sizes within one of
      // each other, so that the threads end together. Which thread builds which crop then
      // varies from call to call; the scratch that follows the windows a thread took is a
      // row of bytes and tap tables (resize_area.cpp), so the heap stays flat.
      constexpr size_t kChunksPerThread = 3;
      const size_t at_least =
          std::max(threads * kChunksPerThread, (n + threaded_chunk_ - 1) / threaded_chunk_);
      const size_t chunks = std::min(n, (at_least + threads - 1) / threads * threads);
      const size_t base = n / chunks, extra = n % chunks;
      ParallelFor(pool, chunks, [&](size_t thread, size_t c) {
        fn(thread, c * base + std::min(c, extra), base + (c < extra ? 1 : 0), nullptr);
      });
    } else {
      for (size_t first = 0; first < n; first += Net::kChunk)
        fn(0, first, std::min(Net::kChunk, n - first), pool);
    }
  }

  size_t threaded_chunk_;
  std::vector<std::unique_ptr<Net>> nets_;  // one per thread
  std::vector<BusyTime> busy_;              // per thread, of the last Run
};

}  // namespace mtcnn
