#include "js_convert.h"

#include <cmath>
#include <string>

using emscripten::val;

namespace mtcnn_bindings {

void BadOption(const std::string& why) {
  throw mtcnn::Error(mtcnn::ErrorKind::kInvalidOption, why);
}

std::string TypeOf(const val& v) { return v.typeOf().as<std::string>(); }

namespace {

[[noreturn]] void BadImage(const std::string& why) {
  throw mtcnn::Error(mtcnn::ErrorKind::kInvalidImage, why);
}

bool IsNumber(const val& v) { return TypeOf(v) == "number"; }

// A positive integer dimension no larger than int range.
int Dimension(const val& image, const char* name) {
  const val v = image[name];
  if (!IsNumber(v)) BadImage(std::string("image.") + name + " must be a number, got " + TypeOf(v));
  const double d = v.as<double>();
  if (!(d >= 1) || d != std::floor(d) || d > (1 << 30)) {
    BadImage(std::string("image.") + name + " must be a positive integer, got " +
             std::to_string(d));
  }
  return static_cast<int>(d);
}

double NumberOption(const val& options, const char* name, double fallback) {
  const val v = options[name];
  if (v.isUndefined()) return fallback;
  if (!IsNumber(v)) BadOption(std::string(name) + " must be a number, got " + TypeOf(v));
  return v.as<double>();
}

void ReadRgbaRows(const JsImage& image, int first_row, int rows, uint8_t* out) {
  const double row_bytes = 4.0 * image.width;
  const val band =
      image.data.call<val>("subarray", first_row * row_bytes, (first_row + rows) * row_bytes);
  // One bulk copy into the wasm heap; a fresh view because memory may have grown.
  val(emscripten::typed_memory_view(static_cast<size_t>(rows * row_bytes), out))
      .call<void>("set", band);
}

// {fullScanIntervalMs, maxMissedFrames, smoothing: false | true | {minCutoff, beta,
// dCutoff}} onto `v`.
void VideoOptionsFromJs(const val& video, mtcnn::VideoOptions* v) {
  if (video.isNull() || TypeOf(video) != "object") BadOption("video must be an object");
  v->full_scan_interval_ms = NumberOption(video, "fullScanIntervalMs", v->full_scan_interval_ms);
  const double missed = NumberOption(video, "maxMissedFrames", v->max_missed_frames);
  if (missed != std::floor(missed) || std::abs(missed) > 1e9) {
    BadOption("video.maxMissedFrames must be an integer, got " + std::to_string(missed));
  }
  v->max_missed_frames = static_cast<int>(missed);
  const val smoothing = video["smoothing"];
  if (smoothing.isUndefined()) return;
  if (TypeOf(smoothing) == "boolean") {
    v->smoothing = smoothing.as<bool>();
    return;
  }
  if (smoothing.isNull() || TypeOf(smoothing) != "object") {
    BadOption("video.smoothing must be false, true or {minCutoff, beta, dCutoff}");
  }
  v->smoothing = true;
  v->min_cutoff = NumberOption(smoothing, "minCutoff", v->min_cutoff);
  v->beta = NumberOption(smoothing, "beta", v->beta);
  v->d_cutoff = NumberOption(smoothing, "dCutoff", v->d_cutoff);
}

val FaceToJs(const mtcnn::Face& f) {
  val box = val::array();
  for (int k = 0; k < 4; ++k) box.set(k, f.box[k]);
  val keypoints = val::object();
  for (int k = 0; k < mtcnn::kNumKeypoints; ++k) {
    val p = val::array();
    p.set(0, static_cast<double>(f.keypoints[k][0]));
    p.set(1, static_cast<double>(f.keypoints[k][1]));
    keypoints.set(mtcnn::KeypointName(k), p);
  }
  val face = val::object();
  face.set("box", box);
  face.set("confidence", f.confidence);
  face.set("keypoints", keypoints);
  return face;
}

}  // namespace

JsImage ImageFromJs(const val& image) {
  if (image.isNull() || image.isUndefined() || TypeOf(image) != "object") {
    BadImage("expected an ImageData-like object {width, height, data}, got " +
             (image.isNull() ? std::string("null") : TypeOf(image)));
  }
  const int width = Dimension(image, "width");
  const int height = Dimension(image, "height");
  // Before the data: a huge image is refused for its size whatever its data holds.
  if (static_cast<double>(width) * height > static_cast<double>(mtcnn::kMaxImagePixels)) {
    throw mtcnn::Error(mtcnn::ErrorKind::kResourceLimit,
                       "an image of " + std::to_string(width) + "x" + std::to_string(height) +
                           " pixels exceeds the limit of " +
                           std::to_string(mtcnn::kMaxImagePixels) + " pixels");
  }
  const val data = image["data"];
  if (!data.instanceof (val::global("Uint8ClampedArray")) && !data.instanceof
      (val::global("Uint8Array"))) {
    BadImage("image.data must be a Uint8ClampedArray or Uint8Array of RGBA bytes");
  }
  const double expected = 4.0 * width * height;
  const double length = data["length"].as<double>();
  if (length != expected) {
    BadImage("image.data has " + std::to_string(static_cast<long long>(length)) +
             " bytes, expected width * height * 4 = " +
             std::to_string(static_cast<long long>(expected)) +
             (length == 0 ? " (is its buffer detached or transferred?)" : ""));
  }
  return JsImage{width, height, data};
}

mtcnn::ImageView ImageViewOf(const JsImage& image) {
  return mtcnn::ImageView::ByRows(image.width, image.height, mtcnn::PixelFormat::kRGBA,
                                  [&image](int first_row, int rows, uint8_t* out) {
                                    ReadRgbaRows(image, first_row, rows, out);
                                  });
}

mtcnn::Config ConfigFromJs(const val& options, const mtcnn::Config& base) {
  mtcnn::Config c = base;
  if (options.isUndefined() || options.isNull()) return c;
  if (TypeOf(options) != "object") BadOption("options must be an object");
  mtcnn::DetectionOptions& d = c.detection;
  d.min_face_size = NumberOption(options, "minFaceSize", d.min_face_size);
  d.scale_factor = NumberOption(options, "scaleFactor", d.scale_factor);
  const val t = options["thresholds"];
  if (!t.isUndefined()) {
    if (!val::global("Array").call<bool>("isArray", t) || t["length"].as<int>() != 3) {
      BadOption("thresholds must be an array of three numbers");
    }
    for (int i = 0; i < 3; ++i) {
      if (!IsNumber(t[i])) BadOption("thresholds must be an array of three numbers");
      d.thresholds[i] = t[i].as<double>();
    }
  }
  const double threads = NumberOption(options, "threads", c.threads);
  if (threads != std::floor(threads) || std::abs(threads) > 1e9) {
    BadOption("threads must be an integer, got " + std::to_string(threads));
  }
  c.threads = static_cast<int>(threads);
  c.max_memory_mb = NumberOption(options, "maxMemoryMB", c.max_memory_mb);
  const val profile = options["profileLayers"];
  if (!profile.isUndefined()) {
    if (TypeOf(profile) != "boolean") BadOption("profileLayers must be a boolean");
    c.profile_layers = profile.as<bool>();
  }
  const val refine = options["refineLandmarks"];
  if (!refine.isUndefined()) {
    if (TypeOf(refine) != "boolean") BadOption("refineLandmarks must be a boolean");
    d.refine_landmarks = refine.as<bool>();
  }
  const val video = options["video"];
  if (!video.isUndefined()) VideoOptionsFromJs(video, &c.video);
  return c;
}

val OptionsToJs(const mtcnn::Config& c) {
  val v = val::object();
  v.set("minFaceSize", c.detection.min_face_size);
  val t = val::array();
  for (int i = 0; i < 3; ++i) t.set(i, c.detection.thresholds[i]);
  v.set("thresholds", t);
  v.set("scaleFactor", c.detection.scale_factor);
  v.set("maxMemoryMB", c.max_memory_mb);
  v.set("refineLandmarks", c.detection.refine_landmarks);
  const mtcnn::VideoOptions& o = c.video;
  val video = val::object();
  video.set("fullScanIntervalMs", o.full_scan_interval_ms);
  video.set("maxMissedFrames", o.max_missed_frames);
  if (o.smoothing) {
    val smoothing = val::object();
    smoothing.set("minCutoff", o.min_cutoff);
    smoothing.set("beta", o.beta);
    smoothing.set("dCutoff", o.d_cutoff);
    video.set("smoothing", smoothing);
  } else {
    video.set("smoothing", false);
  }
  v.set("video", video);
  return v;
}

val FacesToJs(const std::vector<mtcnn::Face>& faces) {
  val out = val::array();
  for (size_t i = 0; i < faces.size(); ++i) out.set(i, FaceToJs(faces[i]));
  return out;
}

val VideoFacesToJs(const std::vector<mtcnn::VideoFace>& faces) {
  val out = val::array();
  for (size_t i = 0; i < faces.size(); ++i) {
    val face = FaceToJs(faces[i].face);
    face.set("id", static_cast<double>(faces[i].id));
    face.set("raw", FaceToJs(faces[i].raw));
    out.set(i, face);
  }
  return out;
}

val LayerTimingsToJs(const std::vector<mtcnn::LayerTiming>& timings) {
  val out = val::array();
  for (size_t i = 0; i < timings.size(); ++i) {
    val t = val::object();
    t.set("layer", timings[i].layer);
    t.set("ms", timings[i].ms);
    t.set("flops", timings[i].flops);
    t.set("calls", timings[i].calls);
    out.set(i, t);
  }
  return out;
}

val TimingsToJs(const mtcnn::StageTimings& t) {
  val v = val::object();
  v.set("input", t.input);
  v.set("pyramid", t.pyramid);
  v.set("pnet", t.pnet);
  v.set("crops", t.crops);
  v.set("rnet", t.rnet);
  v.set("onet", t.onet);
  v.set("nms", t.nms);
  v.set("lnet", t.lnet);
  v.set("total", t.total);
  v.set("pnetIdle", t.pnet_idle);
  v.set("rnetIdle", t.rnet_idle);
  v.set("onetIdle", t.onet_idle);
  v.set("levels", t.levels);
  v.set("rnetCrops", t.rnet_crops);
  v.set("onetCrops", t.onet_crops);
  v.set("lnetFaces", t.lnet_faces);
  v.set("fullScan", t.full_scan);
  v.set("trackedFaces", t.tracked_faces);
  return v;
}

}  // namespace mtcnn_bindings
