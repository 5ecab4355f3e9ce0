// Runs R-Net or O-Net over a stage's crops on a thread pool, building each chunk's crops
// right before the network runs on them (while they are in cache, and with one fork and
// join for the whole stage instead of one for the crops and one for the network).
//
// With two or more crops and threads, whole chunks run side by side, each single-threaded
// on its thread's own network: no fork and join inside every operator; chunks are of sizes
// within one crop of each other, at least three a thread (see ForEachChunk). A single crop
// instead splits each layer over the pool.
// A crop's numbers do not depend on its chunk or thread, so neither does the output.
#pragma once

#include <pthreadpool.h>

#include <algorithm>
#include <memory>
#include <vector>

#include "layer_profile.h"
#include "networks.h"
#include "parallel_for.h"
#include "stage_timings.h"
#include "weights.h"

namespace mtcnn {

// Where a stage's time went, summed over the threads that ran it.
struct CropStageTimes {
  double crops_ms = 0;
  double net_ms = 0;
};

template <typename Net>
class CropNetRunner {
 public:
  static constexpr size_t kCropFloats = Net::kInputSize * Net::kInputSize * 3;

  CropNetRunner(const Weights& weights, int threads) {
    for (int t = 0; t < std::max(1, threads); ++t) nets_.push_back(std::make_unique<Net>(weights));
    times_.resize(nets_.size());
  }

  // Times every layer of thread t's network into (*profiles)[t], one profile per thread
  // (nullptr: off).
  void set_profile(std::vector<LayerProfile>* profiles) {
    for (size_t t = 0; t < nets_.size(); ++t) nets_[t]->set_profile(profiles ? &(*profiles)[t] : nullptr);
  }

  // On crops already built: input [n, s, s, 3]; out: n rows of probabilities and heads.
  void Run(const float* input, size_t n, pthreadpool_t pool, NetOutput* out) {
    Prepare(n, out);
    ForEachChunk(n, pool, [&](size_t thread, size_t first, size_t m, pthreadpool_t chunk_pool) {
      RunNet(thread, input + first * kCropFloats, first, m, chunk_pool, out);
    });
  }

  // Building the crops too: build(thread, first, m, dst, pool) writes crops [first, first + m)
  // to dst, splitting them over `pool` when it is not null. input's first n crops hold the
  // crops after (R-Net's and O-Net's stages share it: it only grows).
  template <typename Build>
  void Run(size_t n, pthreadpool_t pool, const Build& build, std::vector<float>* input, NetOutput* out,
           CropStageTimes* times) {
    Prepare(n, out);
    Grow(input, n * kCropFloats);
    std::fill(times_.begin(), times_.end(), CropStageTimes());
    ForEachChunk(n, pool, [&](size_t thread, size_t first, size_t m, pthreadpool_t chunk_pool) {
      float* crops = input->data() + first * kCropFloats;
      Stopwatch watch;
      build(thread, first, m, crops, chunk_pool);
      watch.Lap(&times_[thread].crops_ms);
      RunNet(thread, crops, first, m, chunk_pool, out);
      watch.Lap(&times_[thread].net_ms);
    });
    *times = CropStageTimes();
    for (const CropStageTimes& t : times_) {
      times->crops_ms += t.crops_ms;
      times->net_ms += t.net_ms;
    }
  }

 private:
  static void Prepare(size_t n, NetOutput* out) {
    out->rows = n;
    out->head_stride = Net::kHeadStride;
    Grow(&out->heads, n * Net::kHeadStride);  // R-Net's and O-Net's stages share them
    Grow(&out->prob, n * 2);
  }

  // fn(thread, first, m, chunk_pool) for chunks covering [0, n).
  template <typename Fn>
  void ForEachChunk(size_t n, pthreadpool_t pool, const Fn& fn) {
    const size_t threads = pool != nullptr ? nets_.size() : 1;
    if (threads > 1 && n > 1) {
      // As few chunks as kThreadedChunk allows, but at least kChunksPerThread a thread, a
      // multiple of the thread count, their sizes within one of each other: every chunk
      // pays each layer's setup again, which on WebAssembly costs as much as a few crops,
      // and the threads should end together (rounding every chunk up instead left the last
      // one short: 15+15 against 15+12 O-Net crops on test640 at min_face_size 20, three
      // crops' wait on two threads). Several chunks a thread let pthreadpool hand a thread's
      // unstarted chunks to another when the host runs it late (webcam frame, 17 R-Net and
      // 6 O-Net crops: 0.1-0.25 ms faster on two threads in Chromium). Which thread builds
      // which crop then varies from call to call; the scratch that follows the windows a
      // thread took is a row of bytes and tap tables (resize_area.cpp), so the heap stays
      // flat (an earlier try saw +138 KiB from per-window sums, since sized per width).
      constexpr size_t kChunksPerThread = 3;
      const size_t at_least =
          std::max(threads * kChunksPerThread, (n + Net::kThreadedChunk - 1) / Net::kThreadedChunk);
      const size_t chunks = std::min(n, (at_least + threads - 1) / threads * threads);
      const size_t base = n / chunks, extra = n % chunks;
      ParallelFor(pool, chunks, [&](size_t thread, size_t c) {
        fn(thread, c * base + std::min(c, extra), base + (c < extra ? 1 : 0), nullptr);
      });
    } else {
      for (size_t first = 0; first < n; first += Net::kChunk) fn(0, first, std::min(Net::kChunk, n - first), pool);
    }
  }

  void RunNet(size_t thread, const float* crops, size_t first, size_t m, pthreadpool_t pool, NetOutput* out) {
    nets_[thread]->RunChunk(crops, m, pool, out->heads.data() + first * Net::kHeadStride, out->prob.data() + first * 2);
  }

  std::vector<std::unique_ptr<Net>> nets_;  // one per thread
  std::vector<CropStageTimes> times_;       // per thread, of the last Run that built crops
};

}  // namespace mtcnn
