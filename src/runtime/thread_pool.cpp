#include "runtime/thread_pool.h"

#include <xnnpack.h>

#include <algorithm>
#include <string>

#include "mtcnn/errors.h"
#include "runtime/xnn_check.h"

namespace mtcnn {

ThreadPool::ThreadPool(int threads) : threads_(std::max(1, threads)) {}

void ThreadPool::Start() {
  if (started()) return;
  pool_ = pthreadpool_create(static_cast<size_t>(threads_));
  if (pool_ == nullptr) {
    throw Error(ErrorKind::kResourceLimit,
                "cannot create a pool of " + std::to_string(threads_) + " threads");
  }
}

ThreadPool::~ThreadPool() {
  if (pool_ != nullptr) pthreadpool_destroy(pool_);
}

void InitializeXnnpack() { XnnCheck(xnn_initialize(nullptr), "xnn_initialize"); }

}  // namespace mtcnn
