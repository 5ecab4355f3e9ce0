// pthreadpool runs tasks on its own threads, where an escaping C++ exception (an allocation
// failing on a huge input, say) would end the program. ParallelFor catches what a task
// throws, skips the tasks not yet started, and rethrows the first exception on the calling
// thread once all have stopped, so errors surface as they would from a plain loop.
#pragma once

#include <pthreadpool.h>

#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>

namespace mtcnn {

// Calls task(thread, i) for i in [0, n) on `pool` (nullptr: inline, thread 0). `thread` is
// the index of the pool thread running it, for per-thread scratch.
template <typename Task>
void ParallelFor(pthreadpool_t pool, size_t n, Task&& task) {
  struct Context {
    Task* task;
    std::atomic<bool> failed{false};
    std::mutex mutex;
    std::exception_ptr error;
  } context;
  context.task = &task;
  auto run = [](void* c, size_t thread, size_t i) {
    Context& ctx = *static_cast<Context*>(c);
    if (ctx.failed.load(std::memory_order_relaxed)) return;
    try {
      (*ctx.task)(thread, i);
    } catch (...) {
      std::lock_guard<std::mutex> lock(ctx.mutex);
      if (!ctx.error) ctx.error = std::current_exception();
      ctx.failed.store(true, std::memory_order_relaxed);
    }
  };
  pthreadpool_parallelize_1d_with_thread(pool, run, &context, n, 0);
  if (context.error) std::rethrow_exception(context.error);
}

}  // namespace mtcnn
