// The one pthreadpool a detector runs its layers on. threads <= 1 means no pool at all:
// XNNPACK then runs on the calling thread, which is also what single-threaded
// WebAssembly builds need.
#pragma once

#include <pthreadpool.h>

namespace mtcnn {

class ThreadPool {
 public:
  explicit ThreadPool(int threads);
  ~ThreadPool();
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  pthreadpool_t get() const { return pool_; }
  int threads() const { return threads_; }

 private:
  pthreadpool_t pool_ = nullptr;
  int threads_ = 1;
};

// xnn_initialize is reference counted by XNNPACK itself; call before creating operators.
void InitializeXnnpack();

}  // namespace mtcnn
