#include "runtime/memory_budget.h"

#include "mtcnn/errors.h"

namespace mtcnn {
namespace {

std::string Mib(uint64_t bytes) {
  return std::to_string((bytes + (uint64_t{1} << 20) - 1) >> 20) + " MiB";
}

}  // namespace

uint64_t MegabytesToBytes(double megabytes) {
  const double bytes = megabytes * (1 << 20);
  return bytes >= static_cast<double>(UINT64_MAX) ? UINT64_MAX : static_cast<uint64_t>(bytes);
}

void MemoryBudget::OverLimit(uint64_t needed, const std::string& what) const {
  throw Error(ErrorKind::kResourceLimit,
              what + " needs about " + Mib(needed) + " of working memory, over the limit of " +
                  Mib(limit_) +
                  " (maxMemoryMB, --max-memory-mb); raise it or minFaceSize, or "
                  "downscale the image");
}

}  // namespace mtcnn
