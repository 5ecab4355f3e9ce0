// Video mode's bookkeeping with stand-in networks: a "scene" of boxes that a full scan
// returns and that O-Net "finds" when its window holds most of a box. Ids, scans (when due,
// and at once when O-Net loses a face), matching, the end of tracks, frame checks, and the
// One Euro filter.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "mtcnn/errors.h"
#include "video/one_euro.h"
#include "video/tracker.h"

namespace {

using mtcnn::Box;
using mtcnn::Face;
using mtcnn::VideoFace;

Face FaceAt(double x, double y, double w, double h) {
  Face f{};
  f.box = {x, y, w, h};
  f.confidence = 0.99;
  for (int k = 0; k < mtcnn::kNumKeypoints; ++k) {
    f.keypoints[k] = {static_cast<float>(x + w * (0.3 + 0.1 * k)), static_cast<float>(y + h / 2)};
  }
  return f;
}

// The faces in view; a full scan returns them, and a window finds the one whose centre it
// holds.
struct Scene {
  std::vector<Face> faces;
  int scans = 0;
  int windows = 0;
  mtcnn::VideoTracker::FullScan full_scan = [this] {
    ++scans;
    return faces;
  };
  mtcnn::VideoTracker::ScoreWindows score = [this](const std::vector<Box>& ws) {
    std::vector<Face> out;
    for (const Box& w : ws) {
      ++windows;
      Face miss{};
      miss.confidence = 0.1f;
      Face hit = miss;
      for (const Face& f : faces) {
        const double cx = f.box[0] + f.box[2] / 2, cy = f.box[1] + f.box[3] / 2;
        if (cx > w.x1 && cx < w.x2 && cy > w.y1 && cy < w.y2) hit = f;
      }
      out.push_back(hit);
    }
    return out;
  };
};

class Tracker : public ::testing::Test {
 protected:
  std::vector<VideoFace> Step(double t) {
    mtcnn::StageTimings timings;
    auto out = tracker_.Step(t, 640, 480, options_, 0.7, scene_.full_scan, scene_.score, &timings);
    full_scan_ = timings.full_scan;
    return out;
  }
  mtcnn::VideoTracker tracker_;
  mtcnn::VideoOptions options_;
  Scene scene_;
  bool full_scan_ = false;
};

TEST_F(Tracker, ScansFirstThenFollowsWithOneWindowAFaceUntilAScanIsDue) {
  options_.smoothing = false;
  scene_.faces = {FaceAt(100, 100, 80, 100)};
  auto out = Step(0);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_TRUE(full_scan_);
  const int64_t id = out[0].id;
  for (int i = 1; i < 15; ++i) {
    scene_.faces = {FaceAt(100 + 3 * i, 100, 80, 100)};
    out = Step(i * 33.0);
    EXPECT_FALSE(full_scan_) << i;
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(out[0].id, id);
    EXPECT_EQ(out[0].raw.box, scene_.faces[0].box);
  }
  EXPECT_EQ(scene_.scans, 1);
  EXPECT_EQ(scene_.windows, 14);  // one a frame (the first frame had no track to follow)
  Step(500);
  EXPECT_TRUE(full_scan_) << "the interval has passed";
  EXPECT_EQ(scene_.windows, 15) << "a track is followed by O-Net on a scan's frame too";
}

TEST_F(Tracker, ScansAtOnceWhenAFaceIsLostAndEndsItsTrackAfterTheMissesAllowed) {
  options_.max_missed_frames = 1;
  scene_.faces = {FaceAt(100, 100, 80, 100), FaceAt(400, 100, 80, 100)};
  const auto first = Step(0);
  ASSERT_EQ(first.size(), 2u);
  scene_.faces = {FaceAt(100, 100, 80, 100)};  // the second face leaves
  auto out = Step(33);
  EXPECT_TRUE(full_scan_) << "O-Net lost a face: the frame is scanned";
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].id, first[0].raw.box[0] < 300 ? first[0].id : first[1].id);
  Step(66);                                           // second miss: the track ends
  scene_.faces.push_back(FaceAt(400, 100, 80, 100));  // it comes back, found by the next scan
  EXPECT_EQ(Step(99).size(), 1u);
  out = Step(600);
  ASSERT_EQ(out.size(), 2u);
  for (const VideoFace& f : out) {
    if (f.raw.box[0] > 300) {
      EXPECT_GT(f.id, std::max(first[0].id, first[1].id)) << "a new id, not the old one";
    }
  }
}

TEST_F(Tracker, NewFacesWaitForTheNextScan) {
  scene_.faces = {FaceAt(100, 100, 80, 100)};
  Step(0);
  scene_.faces.push_back(FaceAt(400, 200, 80, 100));
  EXPECT_EQ(Step(100).size(), 1u);
  EXPECT_EQ(Step(500).size(), 2u);
}

TEST_F(Tracker, TimeGoingBackStartsAStreamAndFramesAreChecked) {
  scene_.faces = {FaceAt(100, 100, 80, 100)};
  const int64_t id = Step(1000)[0].id;
  EXPECT_THROW(tracker_.CheckFrame(NAN, 640, 480), mtcnn::Error);
  EXPECT_THROW(tracker_.CheckFrame(2000, 320, 240), mtcnn::Error);
  EXPECT_NO_THROW(tracker_.CheckFrame(500, 320, 240))
      << "an earlier time starts a stream of any size";
  const auto out = Step(500);
  EXPECT_TRUE(full_scan_);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_GT(out[0].id, id);
}

TEST_F(Tracker, SmoothingKeepsTheRawFaceAndStartsFromIt) {
  scene_.faces = {FaceAt(100, 100, 80, 100)};
  auto out = Step(0);
  EXPECT_EQ(out[0].face.box, out[0].raw.box) << "a new track starts at its face";
  scene_.faces = {FaceAt(101, 100, 80, 100)};
  out = Step(33);
  EXPECT_EQ(out[0].raw.box[0], 101);
  EXPECT_GT(out[0].face.box[0], 100);
  EXPECT_LT(out[0].face.box[0], 101);
}

TEST(OneEuro, PassesTheFirstValueSmoothsNoiseAndFollowsFastMotionCloselier) {
  const mtcnn::OneEuroParams p{0.1, 5, 0.5};
  mtcnn::OneEuroFilter still;
  EXPECT_EQ(still.Filter(10, 0, 1, p), 10);
  double spread = 0;
  for (int i = 1; i < 100; ++i) {
    const double y = still.Filter(10 + (i % 2 ? 0.5 : -0.5), 1.0 / 30, 100, p);
    if (i > 50) spread = std::max(spread, std::abs(y - 10));
  }
  EXPECT_LT(spread, 0.1) << "noise of +-0.5 comes out within 0.1";
  // A ramp: the lag behind it is smaller with beta than without.
  mtcnn::OneEuroFilter with_beta, without;
  const mtcnn::OneEuroParams no_beta{0.1, 0, 0.5};
  double lag = 0, lag_no_beta = 0;
  for (int i = 0; i < 60; ++i) {
    lag = 4.0 * i - with_beta.Filter(4.0 * i, 1.0 / 30, 100, p);
    lag_no_beta = 4.0 * i - without.Filter(4.0 * i, 1.0 / 30, 100, no_beta);
  }
  EXPECT_LT(lag, 4.0) << "less than a frame's motion behind";
  EXPECT_GT(lag_no_beta, 10 * lag);
}

}  // namespace
