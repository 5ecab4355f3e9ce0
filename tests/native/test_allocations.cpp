// Steady-state detection allocates only for its per-call plan (pyramid levels, bands, the
// boxes each stage hands on, the faces returned): nothing per crop, per box or per row,
// which in thousands of allocations a call would cost more than the arithmetic.
//
// This file replaces the global operator new to count calls, so it is its own executable.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <new>
#include <string>

#include "fixtures.h"
#include "mtcnn/detector.h"

namespace {

std::atomic<bool> counting{false};
std::atomic<long> allocations{0};

}  // namespace

void* operator new(std::size_t size) {
  if (counting.load(std::memory_order_relaxed)) allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(size != 0 ? size : 1)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t size) { return operator new(size); }
// The nothrow forms too (std::stable_sort's buffer uses them), so that every delete below
// frees what a new above allocated, which AddressSanitizer checks.
void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
  if (counting.load(std::memory_order_relaxed)) allocations.fetch_add(1, std::memory_order_relaxed);
  return std::malloc(size != 0 ? size : 1);
}
void* operator new[](std::size_t size, const std::nothrow_t& tag) noexcept {
  return operator new(size, tag);
}
// These deletes pair with the news above (malloc), which GCC cannot see.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { std::free(p); }

namespace {

// Allocations made by one detection of `file`, after two to warm up.
long AllocationsPerDetection(const std::string& file, int min_face_size, int threads,
                             size_t* faces) {
  mtcnn::Config config;
  config.detection.min_face_size = min_face_size;
  config.threads = threads;
  mtcnn::Detector det(config);
  const mtcnn_cli::RgbImage img = mtcnn_test::FixtureImage(file);
  det.Detect(img.view());
  det.Detect(img.view());
  allocations = 0;
  counting = true;
  *faces = det.Detect(img.view()).size();
  counting = false;
  return allocations.load();
}

class Allocations : public ::testing::TestWithParam<int> {};

TEST_P(Allocations, FewAndNoneForEachCropBoxOrRow) {
  const int threads = GetParam();
  size_t faces = 0;
  // Many crops: hundreds of R-Net windows and dozens of O-Net ones.
  const long group = AllocationsPerDetection("2007_007763.png", 20, threads, &faces);
  EXPECT_GE(faces, 5u);
  EXPECT_LT(group, 256) << "allocations in one detection with many crops";
  // One face at the webcam setting: few crops, so about the plan's allocations alone.
  const long webcam = AllocationsPerDetection("skimage_astronaut.png", 80, threads, &faces);
  EXPECT_EQ(faces, 1u);
  EXPECT_LT(webcam, 160);
  std::printf(
      "allocations per detection, %d thread(s): group photo at 20: %ld, webcam setting: %ld\n",
      threads, group, webcam);
}

INSTANTIATE_TEST_SUITE_P(Threads, Allocations, ::testing::Values(1, 2));

}  // namespace
