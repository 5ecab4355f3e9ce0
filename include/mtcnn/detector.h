// The C++ API of mtcnn-wasm: MTCNN face detection (Zhang et al. 2016: P-Net, R-Net and
// O-Net in a cascade) giving the reference's faces (ipazc/mtcnn's detect_faces), boxes and
// five landmarks. This header and the two it includes are the whole public API; the
// bindings, the CLI, the fuzz target of the detector and the end-to-end tests use nothing
// else.
//
//   mtcnn::Detector detector(mtcnn::Config{});  // the bundled weights, one thread
//   auto faces = detector.Detect(mtcnn::ImageView::InMemory(rgb, width, height,
//                                                          mtcnn::PixelFormat::kRGB));
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "mtcnn/errors.h"
#include "mtcnn/limits.h"
#include "mtcnn/results.h"

namespace mtcnn {

// The reference's detect_faces arguments.
struct DetectionOptions {
  double min_face_size = 20;                           // pixels, >= 1
  std::array<double, 3> thresholds = {0.6, 0.7, 0.7};  // P-Net, R-Net, O-Net, each in [0, 1]
  double scale_factor = 0.709;                         // pyramid step, in (0, 1)
  // Moves each face's landmarks with LNet (det4, the authors' MTCNNv2 landmark refinement)
  // after O-Net; needs a detector made with LNet's weights. Off, results are the
  // reference's, bit for bit.
  bool refine_landmarks = false;
};

// Video mode (Detector::DetectForVideo): faces found by a full scan are followed from frame
// to frame by O-Net on a window around each, with a full scan now and then for new faces.
struct VideoOptions {
  // The most time between full scans of a frame, which find faces that have come in; a
  // frame after one where a followed face was missed is scanned in full too. >= 0.
  double full_scan_interval_ms = 500;
  // Frames a followed face may go unfound before its track ends (its id is not reused).
  // >= 0.
  int max_missed_frames = 2;
  // The One Euro filter (Casiez, Roussel and Vogel 2012) on each box corner and landmark:
  // a still face is smoothed hard, a moving one followed with little lag. Speeds are
  // measured in face widths per second, so one setting suits near and far faces.
  bool smoothing = true;
  double min_cutoff = 0.1;  // Hz, the cutoff of a still face (> 0)
  double beta = 5.0;        // Hz more per face width per second of speed (>= 0)
  double d_cutoff = 0.5;    // Hz, the cutoff of the speed estimate (> 0)
};

// Everything a detector runs with. A value out of range is kInvalidOption, naming it.
struct Config {
  DetectionOptions detection;
  // Threads to compute on, in [1, kMaxThreads]; set when the detector is made.
  int threads = 1;
  // The most working memory one detection may need, in MiB (>= 1, or infinity for no limit):
  // an input that would need more is refused with kResourceLimit before anything is
  // allocated for it.
  double max_memory_mb = 2048;
  // Times every network layer of each detection (Detector::last_layer_timings), which costs
  // a little.
  bool profile_layers = false;
  VideoOptions video;
};

// A safetensors weights file in memory (weights/README.md), in place of the bundled one.
struct WeightsFile {
  const uint8_t* data = nullptr;
  size_t size = 0;
};

enum class PixelFormat { kRGB, kRGBA };

// An 8-bit RGB or RGBA image of width x height pixels, which the detector copies into its
// own packed RGB buffer as a detection begins. The view owns nothing.
class ImageView {
 public:
  // Copies rows [first_row, first_row + rows) into `out`, packed: rows * width * channels
  // bytes.
  using RowReader = std::function<void(int first_row, int rows, uint8_t* out)>;

  // Pixels in memory, rows `stride_bytes` apart (0: packed).
  static ImageView InMemory(const uint8_t* data, int width, int height, PixelFormat format,
                            size_t stride_bytes = 0);
  // Pixels their owner copies out on request, a band of rows at a time: for pixels outside
  // the detector's memory (a JavaScript ImageData outside the WebAssembly heap), so that no
  // full-size copy is made besides the detector's own.
  static ImageView ByRows(int width, int height, PixelFormat format, RowReader read_rows);

  int width() const { return width_; }
  int height() const { return height_; }
  PixelFormat format() const { return format_; }
  int channels() const { return format_ == PixelFormat::kRGBA ? 4 : 3; }
  // In memory: the pixels and the distance between rows; null for a view by rows.
  const uint8_t* data() const { return data_; }
  size_t stride_bytes() const { return stride_bytes_; }
  // By rows: the reader; empty for a view in memory.
  const RowReader& read_rows() const { return read_rows_; }

 private:
  const uint8_t* data_ = nullptr;
  int width_ = 0, height_ = 0;
  PixelFormat format_ = PixelFormat::kRGB;
  size_t stride_bytes_ = 0;
  RowReader read_rows_;
};

class Detector {
 public:
  // Builds the three networks from `weights` (the bundled weights when absent; the bytes
  // are not kept), their operators made once, and LNet from `lnet_weights` when given
  // (weights/lnet.safetensors: not bundled, as it is twice the size of the other three).
  // Throws kInvalidOption (refine_landmarks without LNet's weights), kInvalidWeights.
  explicit Detector(const Config& config, std::optional<WeightsFile> weights = std::nullopt,
                    std::optional<WeightsFile> lnet_weights = std::nullopt);
  ~Detector();
  Detector(const Detector&) = delete;
  Detector& operator=(const Detector&) = delete;

  // Starts the threads; the first detection does it if this has not. A host whose threads
  // come up asynchronously (WebAssembly pthreads are Workers loading in the background)
  // calls it once they are up. Throws kResourceLimit if the threads cannot be made.
  void StartThreads();

  // Faces in the image, highest confidence first. Throws kInvalidImage, kResourceLimit; the
  // detector stays usable after any error.
  std::vector<Face> Detect(const ImageView& image);

  // Faces in one frame of a video stream, each with an id that stays the same while it is
  // followed (see VideoOptions). Timestamps must increase; one that does not starts a new
  // stream, as ResetVideo does. Throws kInvalidOption for a timestamp that is not finite,
  // kInvalidImage for a frame whose size is not the stream's (ResetVideo first to change
  // it), and what Detect throws; after any error the stream carries on.
  std::vector<VideoFace> DetectForVideo(const ImageView& frame, double timestamp_ms);
  // Forgets the stream: the next frame is scanned in full and its faces get new ids.
  void ResetVideo();

  // Applies a new configuration for later detections; its threads must be the detector's,
  // and refine_landmarks needs LNet. Throws kInvalidOption (and then changes nothing).
  void Reconfigure(const Config& config);
  const Config& config() const;

  // Where the last detection's time went.
  const StageTimings& last_timings() const;
  // Each layer's time and work in the last detection, with profile_layers on; else empty.
  std::vector<LayerTiming> last_layer_timings() const;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace mtcnn
