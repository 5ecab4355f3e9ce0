// The working memory of one detection, counted against the detector's limit as each stage
// plans its buffers (cascade/working_memory.h estimates them), so that an input over the
// limit is refused with kResourceLimit before the memory is allocated.
#pragma once

#include <cstdint>
#include <string>

namespace mtcnn {

// Megabytes (MiB) as a byte count; infinity (or anything past uint64_t) means no limit.
uint64_t MegabytesToBytes(double megabytes);

class MemoryBudget {
 public:
  explicit MemoryBudget(uint64_t limit_bytes) : limit_(limit_bytes) {}

  // Adds `bytes` more; past the limit throws kResourceLimit naming what needed them,
  // describe() ("a 640x480 image at minFaceSize 20 on 2 thread(s)"; only called then).
  template <typename Describe>
  void Charge(uint64_t bytes, const Describe& describe) {
    if (bytes > limit_ || used_ > limit_ - bytes) OverLimit(used_ + bytes, describe());
    used_ += bytes;
  }
  // What the limit leaves.
  uint64_t remaining() const { return limit_ - used_; }

 private:
  [[noreturn]] void OverLimit(uint64_t needed, const std::string& what) const;

  uint64_t limit_;
  uint64_t used_ = 0;
};

}  // namespace mtcnn
