#include "cascade/nms.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numeric>

namespace mtcnn {
namespace {

// The reference's overlap of a kept box i with a later box j, with numpy's operations in numpy's
// order (the result decides ties at the threshold bit for bit).
double Overlap(const Box& bi, double area_i, const Box& bj, double area_j, NmsMethod method) {
  const double w = std::max(0.0, std::min(bi.x2, bj.x2) - std::max(bi.x1, bj.x1) + 1);
  const double h = std::max(0.0, std::min(bi.y2, bj.y2) - std::max(bi.y1, bj.y1) + 1);
  const double inter = w * h;
  return method == NmsMethod::kMin ? inter / std::min(area_i, area_j)
                                   : inter / (area_i + area_j - inter);
}

double Area(const Box& b) { return (b.x2 - b.x1 + 1) * (b.y2 - b.y1 + 1); }

// Lists of box indices by grid cell: an open-addressing table of cells, each the head of a
// singly linked list of entries. NMS runs several times per detection, on up to thousands
// of boxes; a map of vectors made hundreds of small allocations each time, where these
// arrays, kept per thread and cleared by the slots used, make none once grown.
class CellLists {
 public:
  void Clear() {
    for (size_t slot : used_) keys_[slot] = kEmpty;
    used_.clear();
    entries_.clear();
    if (keys_.empty()) Rehash(1024);
  }

  void Add(int64_t key, int box) {
    size_t slot = Slot(key);
    if (keys_[slot] == kEmpty) {
      if (2 * (used_.size() + 1) > keys_.size()) {
        Rehash(keys_.size() * 2);
        slot = Slot(key);
      }
      keys_[slot] = key;
      heads_[slot] = -1;
      used_.push_back(slot);
    }
    entries_.push_back({box, heads_[slot]});
    heads_[slot] = static_cast<int>(entries_.size()) - 1;
  }

  // Whether pass(i) holds for every box i listed under key.
  template <typename Pass>
  bool All(int64_t key, const Pass& pass) const {
    const size_t slot = Slot(key);
    if (keys_[slot] == kEmpty) return true;
    for (int e = heads_[slot]; e >= 0; e = entries_[e].next) {
      if (!pass(entries_[e].box)) return false;
    }
    return true;
  }

  // Capacity kept between calls (slots and entries), for dropping it after a huge input.
  size_t capacity() const { return keys_.size() + entries_.capacity(); }

 private:
  // Cell keys are bounded far inside int64 (KeptBoxes::Cells), so this is never a key.
  static constexpr int64_t kEmpty = std::numeric_limits<int64_t>::min();
  struct Entry {
    int box;
    int next;  // the cell's previous entry, -1 at the end
  };

  size_t Slot(int64_t key) const {
    const size_t mask = keys_.size() - 1;
    size_t slot =
        static_cast<size_t>((static_cast<uint64_t>(key) * uint64_t{0x9E3779B97F4A7C15}) >> 20) &
        mask;
    while (keys_[slot] != kEmpty && keys_[slot] != key) slot = (slot + 1) & mask;
    return slot;
  }

  void Rehash(size_t capacity) {
    std::vector<int64_t> keys = std::move(keys_);
    std::vector<int> heads = std::move(heads_);
    keys_.assign(capacity, kEmpty);
    heads_.assign(capacity, -1);
    std::vector<size_t> used;
    used.reserve(used_.size());
    for (size_t old : used_) {
      const size_t slot = Slot(keys[old]);
      keys_[slot] = keys[old];
      heads_[slot] = heads[old];
      used.push_back(slot);
    }
    used_ = std::move(used);
  }

  std::vector<int64_t> keys_;
  std::vector<int> heads_;
  std::vector<size_t> used_;  // slots holding a key
  std::vector<Entry> entries_;
};

// Kept boxes by the grid cells they cover, so that a box is compared only with kept boxes
// that can intersect it. Between two boxes of positive area and finite corners, no
// intersection means an overlap of exactly 0, which never suppresses; so the greedy result
// is the reference's. Boxes that are degenerate (area not > 0, corners not finite) or span too
// many cells are compared with everything, as in the reference.
class KeptBoxes {
 public:
  // Scratch a KeptBoxes clears and fills, kept between calls.
  struct Scratch {
    CellLists grid;
    std::vector<int> gridded, everywhere;
  };

  KeptBoxes(const std::vector<Box>& boxes, const std::vector<double>& area, Scratch* scratch)
      : boxes_(boxes),
        area_(area),
        grid_(scratch->grid),
        gridded_(scratch->gridded),
        everywhere_(scratch->everywhere) {
    grid_.Clear();
    gridded_.clear();
    everywhere_.clear();
    double sides = 0;
    int n = 0;
    for (size_t i = 0; i < boxes.size(); ++i) {
      if (Regular(static_cast<int>(i))) {
        sides += boxes[i].x2 - boxes[i].x1 + 1;
        ++n;
      }
    }
    cell_ = std::max(8.0, n ? sides / n : 8.0);
  }

  // Whether box j survives every kept box so far (overlap <= threshold with each).
  bool Survives(int j, double threshold, NmsMethod method) const {
    auto passes = [&](int i) {
      return Overlap(boxes_[i], area_[i], boxes_[j], area_[j], method) <= threshold;
    };
    for (int i : everywhere_) {
      if (!passes(i)) return false;
    }
    int64_t cx0, cy0, cx1, cy1;
    if (!Cells(j, &cx0, &cy0, &cx1, &cy1)) {
      for (int i : gridded_) {
        if (!passes(i)) return false;
      }
      return true;
    }
    for (int64_t cy = cy0; cy <= cy1; ++cy) {
      for (int64_t cx = cx0; cx <= cx1; ++cx) {
        if (!grid_.All(Key(cx, cy), passes)) return false;
      }
    }
    return true;
  }

  void Keep(int i) {
    int64_t cx0, cy0, cx1, cy1;
    if (!Cells(i, &cx0, &cy0, &cx1, &cy1)) {
      everywhere_.push_back(i);
      return;
    }
    gridded_.push_back(i);
    for (int64_t cy = cy0; cy <= cy1; ++cy) {
      for (int64_t cx = cx0; cx <= cx1; ++cx) grid_.Add(Key(cx, cy), i);
    }
  }

 private:
  static constexpr int64_t kMaxCells = 256;
  static constexpr double kMaxCoordinate = 1e9;

  bool Regular(int i) const {
    const Box& b = boxes_[i];
    return area_[i] > 0 && std::abs(b.x1) < kMaxCoordinate && std::abs(b.y1) < kMaxCoordinate &&
           std::abs(b.x2) < kMaxCoordinate && std::abs(b.y2) < kMaxCoordinate;
  }
  // The cells box i covers ([x1, x2 + 1] by [y1, y2 + 1], the +1 convention); false if it
  // is not regular or covers more than kMaxCells.
  bool Cells(int i, int64_t* cx0, int64_t* cy0, int64_t* cx1, int64_t* cy1) const {
    if (!Regular(i)) return false;
    const Box& b = boxes_[i];
    *cx0 = static_cast<int64_t>(std::floor(b.x1 / cell_));
    *cy0 = static_cast<int64_t>(std::floor(b.y1 / cell_));
    *cx1 = static_cast<int64_t>(std::floor((b.x2 + 1) / cell_));
    *cy1 = static_cast<int64_t>(std::floor((b.y2 + 1) / cell_));
    return (*cx1 - *cx0 + 1) * (*cy1 - *cy0 + 1) <= kMaxCells;
  }
  static int64_t Key(int64_t cx, int64_t cy) { return cx * (int64_t{1} << 32) + cy; }

  const std::vector<Box>& boxes_;
  const std::vector<double>& area_;
  double cell_;
  CellLists& grid_;
  std::vector<int>& gridded_;     // kept boxes in the grid
  std::vector<int>& everywhere_;  // kept boxes compared with every box
};

}  // namespace

std::vector<int> Nms(const std::vector<Box>& boxes, double threshold, NmsMethod method) {
  // Scratch kept per thread: NMS runs several times per detection.
  static thread_local std::vector<double> area;
  static thread_local std::vector<int> order;
  static thread_local KeptBoxes::Scratch scratch;
  const int n = static_cast<int>(boxes.size());
  area.resize(n);
  for (int i = 0; i < n; ++i) {
    const Box& b = boxes[i];
    area[i] = Area(b);
  }
  order.resize(n);
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](int a, int b) {
    if (boxes[a].score != boxes[b].score) return boxes[a].score > boxes[b].score;
    return a > b;
  });
  // The reference keeps the best remaining box and drops every later one overlapping it by more
  // than the threshold, repeatedly: a box is kept exactly when it overlaps no box kept
  // before it by more than the threshold, which KeptBoxes answers without a quadratic scan.
  std::vector<int> picks;
  picks.reserve(static_cast<size_t>(n));
  {
    KeptBoxes kept(boxes, area, &scratch);
    for (int j : order) {
      if (kept.Survives(j, threshold, method)) {
        picks.push_back(j);
        kept.Keep(j);
      }
    }
  }
  // Do not hoard after a huge input.
  constexpr size_t kKept = size_t{1} << 20;
  if (area.capacity() > kKept) std::vector<double>().swap(area);
  if (order.capacity() > kKept) std::vector<int>().swap(order);
  if (scratch.grid.capacity() + scratch.gridded.capacity() + scratch.everywhere.capacity() >
      kKept) {
    scratch = KeptBoxes::Scratch();
  }
  return picks;
}

double Overlap(const Box& a, const Box& b, NmsMethod method) {
  return Overlap(a, Area(a), b, Area(b), method);
}

std::vector<Box> Select(const std::vector<Box>& boxes, const std::vector<int>& picks) {
  std::vector<Box> out;
  out.reserve(picks.size());
  for (int i : picks) out.push_back(boxes[i]);
  return out;
}

}  // namespace mtcnn
