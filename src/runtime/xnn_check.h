// Turns an XNNPACK status into an exception: a failure there is our bug (bad shapes or
// parameters), never the caller's, so it is reported as kInternal with the call's name.
#pragma once

#include <xnnpack.h>

#include <string>

#include "mtcnn/errors.h"

namespace mtcnn {

inline void XnnCheck(xnn_status status, const char* what) {
  if (status != xnn_status_success) {
    throw Error(ErrorKind::kInternal, std::string("XNNPACK ") + what + " failed (status " +
                                          std::to_string(static_cast<int>(status)) + ")");
  }
}

// Owns one operator; deleting it when replaced or destroyed.
class XnnOperator {
 public:
  XnnOperator() = default;
  ~XnnOperator() { Reset(); }
  XnnOperator(const XnnOperator&) = delete;
  XnnOperator& operator=(const XnnOperator&) = delete;
  XnnOperator(XnnOperator&& o) noexcept : op_(o.op_) { o.op_ = nullptr; }
  XnnOperator& operator=(XnnOperator&& o) noexcept {
    if (this != &o) {
      Reset();
      op_ = o.op_;
      o.op_ = nullptr;
    }
    return *this;
  }
  xnn_operator_t* Out() {
    Reset();
    return &op_;
  }
  xnn_operator_t get() const { return op_; }
  void Reset() {
    if (op_ != nullptr) xnn_delete_operator(op_);
    op_ = nullptr;
  }

 private:
  xnn_operator_t op_ = nullptr;
};

}  // namespace mtcnn
