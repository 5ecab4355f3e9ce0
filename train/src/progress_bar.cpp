#include "progress_bar.h"

#include <unistd.h>

#include <cstdio>

namespace mtcnn::train {

ProgressBar::ProgressBar(std::string label, int64_t total)
    : label_(std::move(label)),
      total_(total > 0 ? total : 1),
      terminal_(isatty(STDERR_FILENO) != 0),
      start_(std::chrono::steady_clock::now()) {}

void ProgressBar::Update(int64_t done, const std::string& detail) {
  const auto now = std::chrono::steady_clock::now();
  if (terminal_) {
    if (now - last_draw_ < std::chrono::milliseconds(100)) return;
    last_draw_ = now;
    Draw(done, detail, false);
    return;
  }
  const int quarter = static_cast<int>(4 * done / total_);
  if (quarter > last_quarter_ && done < total_) {
    last_quarter_ = quarter;
    Draw(done, detail, false);
  }
}

void ProgressBar::Finish(const std::string& detail) { Draw(total_, detail, true); }

void ProgressBar::Draw(int64_t done, const std::string& detail, bool final) {
  constexpr int kWidth = 24;
  const int filled = static_cast<int>(kWidth * done / total_);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  std::string bar(filled, '#');
  bar.append(kWidth - filled, '.');
  std::fprintf(stderr, "%s%s [%s] %3d%% %lld/%lld  %s  %.0f s%s", terminal_ ? "\r\033[K" : "",
               label_.c_str(), bar.c_str(), static_cast<int>(100 * done / total_),
               static_cast<long long>(done), static_cast<long long>(total_), detail.c_str(),
               seconds, terminal_ && !final ? "" : "\n");
  std::fflush(stderr);
}

}  // namespace mtcnn::train
