// The thread pool starts its threads on Start(), once; a detector starts them at its first
// detection when nobody did before.
#include <gtest/gtest.h>

#include "fixtures.h"
#include "mtcnn/detector.h"
#include "runtime/thread_pool.h"

namespace {

TEST(ThreadPool, StartsItsThreadsOnStartOnce) {
  mtcnn::ThreadPool pool(3);
  EXPECT_EQ(pool.threads(), 3);
  EXPECT_FALSE(pool.started());
  EXPECT_EQ(pool.get(), nullptr);
  pool.Start();
  ASSERT_TRUE(pool.started());
  ASSERT_NE(pool.get(), nullptr);
  EXPECT_EQ(pthreadpool_get_threads_count(pool.get()), 3u);
  const pthreadpool_t first = pool.get();
  pool.Start();
  EXPECT_EQ(pool.get(), first);
}

TEST(ThreadPool, OneThreadHasNoPool) {
  mtcnn::ThreadPool pool(1);
  pool.Start();
  EXPECT_TRUE(pool.started());
  EXPECT_EQ(pool.get(), nullptr);
  EXPECT_EQ(pool.threads(), 1);
}

TEST(ThreadPool, DetectorStartsThemAtTheFirstDetectionOrWhenAsked) {
  const mtcnn_cli::RgbImage img = mtcnn_test::FixtureImage("2007_007763.png");
  mtcnn::Config config;
  config.threads = 2;
  mtcnn::Detector lazy(config);
  mtcnn::Detector asked(config);
  asked.StartThreads();
  asked.StartThreads();
  const auto a = lazy.Detect(img.view());
  const auto b = asked.Detect(img.view());
  ASSERT_FALSE(a.empty());
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) EXPECT_EQ(a[i].box, b[i].box);
}

}  // namespace
