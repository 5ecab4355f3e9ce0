#include "video/tracker.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>

namespace mtcnn {
namespace {

// A scan's face continues a track whose expected box it overlaps at least this much.
constexpr double kMatchIou = 0.3;
// A track keeps O-Net's face where a scan's face overlaps it this much.
constexpr double kAgreeIou = 0.7;
// A face found this far from the middle of its window is looked at again, centred.
constexpr double kRecentreIou = 0.7;
// A track's window stays while the window around its expected box overlaps it this much.
constexpr double kKeepWindowIou = 0.85;
// Two faces overlapping more than this are one face.
constexpr double kSameFaceIou = 0.5;

Box BoxOf(const Face& f) {
  Box b;
  b.x1 = f.box[0];
  b.y1 = f.box[1];
  b.x2 = f.box[0] + f.box[2];
  b.y2 = f.box[1] + f.box[3];
  return b;
}

double Iou(const Box& a, const Box& b) {
  const double w = std::min(a.x2, b.x2) - std::max(a.x1, b.x1);
  const double h = std::min(a.y2, b.y2) - std::max(a.y1, b.y1);
  if (!(w > 0 && h > 0)) return 0;
  const double inter = w * h;
  const double area = (a.x2 - a.x1) * (a.y2 - a.y1) + (b.x2 - b.x1) * (b.y2 - b.y1) - inter;
  return area > 0 ? inter / area : 0;
}

// The O-Net window around a box, made as stage 3 makes its windows: squared, truncated.
Box WindowAround(Box b) {
  Square(&b);
  Truncate(&b);
  return b;
}

double* Corner(Box* b, int k) {
  double* corners[4] = {&b->x1, &b->y1, &b->x2, &b->y2};
  return corners[k];
}
double CornerOf(const Box& b, int k) {
  return k == 0 ? b.x1 : k == 1 ? b.y1 : k == 2 ? b.x2 : b.y2;
}

}  // namespace

void VideoTracker::CheckFrame(double timestamp_ms, int width, int height) const {
  if (!std::isfinite(timestamp_ms)) {
    throw Error(ErrorKind::kInvalidOption,
                "timestampMs must be a finite number, got " + std::to_string(timestamp_ms));
  }
  if (!StartsStream(timestamp_ms) && (width != width_ || height != height_)) {
    throw Error(ErrorKind::kInvalidImage,
                "a " + std::to_string(width) + "x" + std::to_string(height) +
                    " frame in a stream of " + std::to_string(width_) + "x" +
                    std::to_string(height_) + " frames; call resetVideo() to start another");
  }
}

void VideoTracker::Reset() {
  tracks_.clear();
  streaming_ = false;
}

Box VideoTracker::Predict(const Track& track, double t) {
  Box b = track.box;
  const double dt = t - track.seen_ms;
  for (int k = 0; k < 4; ++k) *Corner(&b, k) += track.velocity[k] * dt;
  return b;
}

void VideoTracker::Found(Track* track, const Face& face, double t,
                         const VideoOptions& options) const {
  const Box box = BoxOf(face);
  const double dt_ms = t - track->seen_ms;
  if (track->id != 0 && track->missed == 0 && dt_ms > 0) {
    for (int k = 0; k < 4; ++k)
      track->velocity[k] = (CornerOf(box, k) - CornerOf(track->box, k)) / dt_ms;
  } else {
    track->velocity = {};
  }
  const bool first = track->id == 0;
  track->box = box;
  track->raw = face;
  track->missed = 0;
  if (!options.smoothing) {
    track->filters = {};
    track->smoothed = face;
  } else {
    // Smoothing the corners rather than x, y, width, height keeps a still edge still while
    // the other moves.
    const OneEuroParams p{options.min_cutoff, options.beta, options.d_cutoff};
    const double dt = first ? 0 : dt_ms / 1000;
    const double unit = std::max(1.0, box.x2 - box.x1);
    Box s;
    for (int k = 0; k < 4; ++k)
      *Corner(&s, k) = track->filters[k].Filter(CornerOf(box, k), dt, unit, p);
    Face out = face;
    out.box = {s.x1, s.y1, s.x2 - s.x1, s.y2 - s.y1};
    for (int k = 0; k < kNumKeypoints; ++k) {
      for (int c = 0; c < 2; ++c) {
        out.keypoints[k][c] = static_cast<float>(
            track->filters[4 + 2 * k + c].Filter(face.keypoints[k][c], dt, unit, p));
      }
    }
    track->smoothed = out;
  }
  track->seen_ms = t;
}

VideoTracker::Frame VideoTracker::Begin(double t) const {
  Frame f;
  const size_t n = tracks_.size();
  f.found.assign(n, false);
  f.faces.resize(n);
  f.windows.resize(n);
  f.expected.resize(n);
  for (size_t i = 0; i < n; ++i) f.expected[i] = Predict(tracks_[i], t);
  return f;
}

void VideoTracker::Follow(Frame* f, float threshold, const ScoreWindows& score_windows) const {
  const size_t n = tracks_.size();
  if (n == 0) return;
  std::vector<Box> windows(n);
  for (size_t i = 0; i < n; ++i) {
    windows[i] = WindowAround(f->expected[i]);
    if (Iou(windows[i], tracks_[i].window) >= kKeepWindowIou) windows[i] = tracks_[i].window;
  }
  const std::vector<Face> first = score_windows(windows);
  std::vector<size_t> again;
  std::vector<Box> recentred;
  for (size_t i = 0; i < first.size() && i < n; ++i) {
    if (!(first[i].confidence > threshold)) continue;
    f->found[i] = true;
    f->faces[i] = first[i];
    f->windows[i] = windows[i];
    const Box centred = WindowAround(BoxOf(first[i]));
    if (Iou(centred, windows[i]) < kRecentreIou) {
      again.push_back(i);
      recentred.push_back(centred);
    }
  }
  if (recentred.empty()) return;
  const std::vector<Face> second = score_windows(recentred);
  for (size_t k = 0; k < second.size() && k < again.size(); ++k) {
    if (!(second[k].confidence > threshold)) continue;
    f->faces[again[k]] = second[k];
    f->windows[again[k]] = recentred[k];
  }
}

void VideoTracker::Scan(Frame* f, const FullScan& full_scan) const {
  const std::vector<Face> detections = full_scan();
  const size_t n = tracks_.size();
  std::vector<std::pair<double, std::pair<size_t, size_t>>> pairs;
  for (size_t i = 0; i < n; ++i) {
    const Box at = f->found[i] ? BoxOf(f->faces[i]) : f->expected[i];
    for (size_t j = 0; j < detections.size(); ++j) {
      const double iou = Iou(at, BoxOf(detections[j]));
      if (iou >= kMatchIou) pairs.push_back({iou, {i, j}});
    }
  }
  std::stable_sort(pairs.begin(), pairs.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<bool> matched(n, false), taken(detections.size(), false);
  for (const auto& [iou, ij] : pairs) {
    const auto [i, j] = ij;
    if (matched[i] || taken[j]) continue;
    matched[i] = true;
    taken[j] = true;
    if (f->found[i] && Iou(BoxOf(f->faces[i]), BoxOf(detections[j])) >= kAgreeIou) continue;
    f->found[i] = true;
    f->faces[i] = detections[j];
    f->windows[i] = WindowAround(BoxOf(detections[j]));
  }
  for (size_t j = 0; j < detections.size(); ++j) {
    if (!taken[j]) f->newcomers.push_back(detections[j]);
  }
}

void VideoTracker::SettleConflicts(Frame* f) const {
  const size_t n = tracks_.size();
  for (size_t a = 0; a < n; ++a) {
    for (size_t b = a + 1; b < n; ++b) {
      if (!f->found[a] || !f->found[b]) continue;
      if (Iou(BoxOf(f->faces[a]), BoxOf(f->faces[b])) <= kSameFaceIou) continue;
      const bool a_keeps =
          Iou(BoxOf(f->faces[a]), f->expected[a]) >= Iou(BoxOf(f->faces[b]), f->expected[b]);
      f->found[a_keeps ? b : a] = false;
    }
  }
}

int VideoTracker::Commit(Frame* f, double t, const VideoOptions& options) {
  int followed = 0;
  std::vector<Track> next;
  next.reserve(tracks_.size() + f->newcomers.size());
  for (size_t i = 0; i < tracks_.size(); ++i) {
    Track& track = tracks_[i];
    if (f->found[i]) {
      Found(&track, f->faces[i], t, options);
      track.window = f->windows[i];
      ++followed;
    } else if (++track.missed > options.max_missed_frames) {
      continue;  // the track ends
    }
    next.push_back(std::move(track));
  }
  for (const Face& face : f->newcomers) {
    const bool known = std::any_of(next.begin(), next.end(), [&](const Track& tr) {
      return tr.missed == 0 && Iou(tr.box, BoxOf(face)) > kSameFaceIou;
    });
    if (known) continue;
    Track track;
    Found(&track, face, t, options);
    track.window = WindowAround(BoxOf(face));
    track.id = next_id_++;
    next.push_back(std::move(track));
  }
  tracks_ = std::move(next);
  return followed;
}

std::vector<VideoFace> VideoTracker::Step(double t, int width, int height,
                                          const VideoOptions& options, double threshold,
                                          const FullScan& full_scan,
                                          const ScoreWindows& score_windows,
                                          StageTimings* timings) {
  if (StartsStream(t)) {
    Reset();
    streaming_ = true;
    width_ = width;
    height_ = height;
    last_scan_ms_ = t - options.full_scan_interval_ms;  // the first frame is scanned
  }
  // What each track becomes in this frame is worked out first; the tracks change only once
  // every callback has returned.
  Frame frame = Begin(t);
  // numpy compares a float32 score with a Python float in float32, as stage 3 does.
  Follow(&frame, static_cast<float>(threshold), score_windows);
  const bool due = t - last_scan_ms_ >= options.full_scan_interval_ms;
  const bool lost = std::find(frame.found.begin(), frame.found.end(), false) != frame.found.end();
  if (due || lost) Scan(&frame, full_scan);
  SettleConflicts(&frame);
  timings->tracked_faces = Commit(&frame, t, options);
  timings->full_scan = due || lost;
  last_ms_ = t;
  if (due || lost) last_scan_ms_ = t;

  std::vector<VideoFace> out;
  for (const Track& track : tracks_) {
    if (track.missed == 0) out.push_back({track.id, track.smoothed, track.raw});
  }
  std::stable_sort(out.begin(), out.end(), [](const VideoFace& a, const VideoFace& b) {
    return a.raw.confidence > b.raw.confidence;
  });
  return out;
}

}  // namespace mtcnn
