// Operators kept per input size, within a byte budget, for layers that are handed a few
// sizes over and over (P-Net's pyramid bands). Reshaping an XNNPACK operator to a new size
// rebuilds and reallocates its indirection buffer, so keeping one per size both saves that
// work and makes the memory a layer holds independent of the order of its sizes.
//
// A kept size that has gone unused for kStaleTicks ticks is stale and may make room for a
// new one. Time is counted in ticks of the owner (P-Net ticks once per detection), not in
// runs of the layer: how many bands a P-Net runs per detection changes with the image
// size, so runs would age a size faster or slower depending on which images came since.
#pragma once

#include <cstddef>
#include <cstdint>
#include <list>
#include <utility>

namespace mtcnn {

struct ShapeKey {
  size_t n = 0, h = 0, w = 0, c = 0;
  bool operator==(const ShapeKey& o) const { return n == o.n && h == o.h && w == o.w && c == o.c; }
};

template <typename Op>
class ShapeCache {
 public:
  // Ticks a kept size may go unused before it may be dropped for another.
  static constexpr uint64_t kStaleTicks = 32;

  explicit ShapeCache(uint64_t budget_bytes) : budget_(budget_bytes) {}

  void Tick() { ++clock_; }

  // The operator kept for `key`, or null.
  Op* Find(const ShapeKey& key) {
    for (Entry& e : entries_) {
      if (e.key == key) {
        e.last_used = clock_;
        return &e.op;
      }
    }
    return nullptr;
  }

  // Drops stale sizes (longest unused first) until `bytes` more fit; whether they do.
  bool MakeRoom(uint64_t bytes) {
    while (used_ + bytes > budget_ && !entries_.empty()) {
      auto stalest = entries_.begin();
      for (auto it = entries_.begin(); it != entries_.end(); ++it) {
        if (it->last_used < stalest->last_used) stalest = it;
      }
      if (clock_ - stalest->last_used <= kStaleTicks) break;
      used_ -= stalest->bytes;
      entries_.erase(stalest);
    }
    return used_ + bytes <= budget_;
  }

  // Keeps a ready operator for `key` that holds `bytes` (after MakeRoom said they fit).
  Op& Insert(const ShapeKey& key, uint64_t bytes, Op op) {
    used_ += bytes;
    entries_.push_back(Entry{key, bytes, clock_, std::move(op)});
    return entries_.back().op;
  }

  size_t size() const { return entries_.size(); }

 private:
  struct Entry {
    ShapeKey key;
    uint64_t bytes;
    uint64_t last_used;
    Op op;
  };
  uint64_t budget_;
  uint64_t used_ = 0;
  uint64_t clock_ = 0;
  std::list<Entry> entries_;  // a list: operators stay where they are while others come and go
};

}  // namespace mtcnn
