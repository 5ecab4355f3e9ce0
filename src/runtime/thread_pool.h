// The one pthreadpool a detector runs its layers on. threads <= 1 means no pool at all:
// XNNPACK then runs on the calling thread, which is also what single-threaded
// WebAssembly builds need.
//
// The pool's threads start on Start(), not on construction, so that a host whose threads
// come up asynchronously (WebAssembly pthreads are Workers that load the module in the
// background) can build everything else meanwhile and start the threads once they are up.
#pragma once

#include <pthreadpool.h>

namespace mtcnn {

class ThreadPool {
 public:
  explicit ThreadPool(int threads);
  ~ThreadPool();
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  // Starts the threads (once; later calls do nothing). Throws kResourceLimit if it cannot.
  void Start();
  // One thread has no threads to start.
  bool started() const { return threads_ <= 1 || pool_ != nullptr; }
  // The pool to run on: nullptr with one thread, or before Start().
  pthreadpool_t get() const { return pool_; }
  int threads() const { return threads_; }

 private:
  pthreadpool_t pool_ = nullptr;
  int threads_ = 1;
};

// xnn_initialize is reference counted by XNNPACK itself; call before creating operators.
void InitializeXnnpack();

}  // namespace mtcnn
