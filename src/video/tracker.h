// Video mode's bookkeeping: the faces followed from frame to frame (tracks), when a whole
// frame is scanned, how a scan's faces are matched to tracks, their ids and smoothing. The
// networks are reached through two callbacks, so this part knows none of them.
//
// A track is followed by O-Net alone, on a square window around where its face is expected
// (its last box moved by its last velocity): O-Net's box regression recentres the box and
// its landmarks come with it, for one crop a face instead of a whole cascade. The window
// stays where it was while the expected box stays within it, so that a still face is seen
// through the same window and its box does not wander with its own noise. A face that
// moved far within its window is looked at once more, on a window around the new box. A
// face that O-Net loses makes the frame scanned whole at once, so no face a full detection
// would find is missed; new faces come from those scans and from one now and then.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <vector>

#include "cascade/boxes.h"
#include "mtcnn/detector.h"
#include "video/one_euro.h"

namespace mtcnn {

class VideoTracker {
 public:
  // The whole cascade on the frame.
  using FullScan = std::function<std::vector<Face>()>;
  // O-Net on windows (square, truncated boxes): each window's face, whatever its score, in
  // window order.
  using ScoreWindows = std::function<std::vector<Face>(const std::vector<Box>&)>;

  // Checks a frame before any work on it: kInvalidOption for a timestamp that is not finite,
  // kInvalidImage for a size other than the stream's (a frame that starts a new stream may
  // have any size).
  void CheckFrame(double timestamp_ms, int width, int height) const;

  // The faces of the next frame, highest confidence first. A timestamp not after the last
  // one starts a new stream. Faces pass when their O-Net score is above `threshold`. The
  // callbacks may throw; the tracks are then as before the frame.
  std::vector<VideoFace> Step(double timestamp_ms, int width, int height,
                              const VideoOptions& options, double threshold,
                              const FullScan& full_scan, const ScoreWindows& score_windows,
                              StageTimings* timings);

  // Forgets the stream (ids go on counting, so none is reused).
  void Reset();

 private:
  static constexpr int kCoordinates = 4 + 2 * kNumKeypoints;  // box corners, then landmarks

  struct Track {
    int64_t id = 0;
    Box box;                           // as last found: x1, y1, x2, y2
    Box window;                        // O-Net's window that found it
    std::array<double, 4> velocity{};  // of x1, y1, x2, y2, per millisecond
    double seen_ms = 0;                // when last found
    int missed = 0;                    // frames in a row it went unfound
    Face raw, smoothed;
    std::array<OneEuroFilter, kCoordinates> filters;
  };

  // What each track becomes in a frame, before the tracks change.
  struct Frame {
    std::vector<Box> expected;  // where each track's face is expected
    std::vector<bool> found;
    std::vector<Face> faces;      // the face each found track was found as
    std::vector<Box> windows;     // the O-Net window it was found through
    std::vector<Face> newcomers;  // a scan's faces that continue no track
  };

  bool StartsStream(double timestamp_ms) const { return !streaming_ || !(timestamp_ms > last_ms_); }
  Frame Begin(double t) const;
  // O-Net on each track's window (kept while the face stays within it), and once more,
  // recentred, where the face moved far within it.
  void Follow(Frame* frame, float threshold, const ScoreWindows& score_windows) const;
  // A full scan, its faces matched to the tracks (where O-Net found them, else where they
  // were expected), greedily, most overlapping first. A track keeps O-Net's face where the
  // two agree, so that a followed face is measured the same way from frame to frame, and
  // takes the scan's where they do not (O-Net lost it, slid off it, or the face jumped).
  // The faces left are newcomers.
  void Scan(Frame* frame, const FullScan& full_scan) const;
  // Two tracks on one face: the one that expected it there keeps it.
  void SettleConflicts(Frame* frame) const;
  // Applies the frame to the tracks: found ones updated, missed ones counted (and ended),
  // newcomers given ids. Returns how many tracks were found.
  int Commit(Frame* frame, double t, const VideoOptions& options);
  // Where the track's face is expected at `t`.
  static Box Predict(const Track& track, double t);
  // The track found as `face` at `t`: its box, velocity and smoothed face.
  void Found(Track* track, const Face& face, double t, const VideoOptions& options) const;

  std::vector<Track> tracks_;
  bool streaming_ = false;
  int width_ = 0, height_ = 0;
  double last_ms_ = 0;
  double last_scan_ms_ = 0;
  int64_t next_id_ = 1;
};

}  // namespace mtcnn
