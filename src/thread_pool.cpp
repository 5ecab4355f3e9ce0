#include "thread_pool.h"

#include <xnnpack.h>

#include "xnn_check.h"

namespace mtcnn {

ThreadPool::ThreadPool(int threads) {
  if (threads > 1) {
    pool_ = pthreadpool_create(static_cast<size_t>(threads));
    if (pool_ == nullptr) throw Error(ErrorKind::kResourceLimit, "cannot create a pool of " + std::to_string(threads) + " threads");
    threads_ = static_cast<int>(pthreadpool_get_threads_count(pool_));
  }
}

ThreadPool::~ThreadPool() {
  if (pool_ != nullptr) pthreadpool_destroy(pool_);
}

void InitializeXnnpack() { XnnCheck(xnn_initialize(nullptr), "xnn_initialize"); }

}  // namespace mtcnn
