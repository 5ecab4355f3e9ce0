// The Embind module: a `Detector` class for JavaScript over the public C++ API. Every
// method returns a result object instead of throwing across the boundary: {value} on
// success, {error: {name, message}} on failure, where name is InvalidImage, InvalidOption,
// InvalidWeights, ResourceLimit or InternalError. web/ turns those into named Error classes.
#include <emscripten/bind.h>
#include <emscripten/val.h>
#include <malloc.h>

#include <memory>
#include <optional>
#include <vector>

#include "js_align.h"
#include "js_convert.h"
#include "mtcnn/align.h"
#include "mtcnn/detector.h"

using emscripten::val;

namespace mtcnn_bindings {
namespace {

val Ok(const val& value) {
  val r = val::object();
  r.set("value", value);
  return r;
}

val Failure(const char* name, const std::string& message) {
  val e = val::object();
  e.set("name", name);
  e.set("message", message);
  val r = val::object();
  r.set("error", e);
  return r;
}

// Runs f, turning every C++ exception into an error result so none escapes to JS.
template <typename F>
val Guard(F&& f) {
  try {
    return Ok(f());
  } catch (const mtcnn::Error& e) {
    return Failure(mtcnn::ErrorKindName(e.kind()), e.what());
  } catch (const std::bad_alloc&) {
    return Failure("ResourceLimit", "out of memory");
  } catch (const std::exception& e) {
    return Failure("InternalError", e.what());
  }
}

// A safetensors file passed from JS (undefined or null: none) copied into `bytes`.
std::optional<mtcnn::WeightsFile> WeightsFromJs(const val& weights, const char* what,
                                                std::vector<uint8_t>* bytes) {
  if (weights.isUndefined() || weights.isNull()) return std::nullopt;
  if (!weights.instanceof (val::global("Uint8Array"))) {
    throw mtcnn::Error(mtcnn::ErrorKind::kInvalidWeights,
                       std::string(what) + " must be a Uint8Array (a safetensors file)");
  }
  bytes->resize(weights["length"].as<size_t>());
  val(emscripten::typed_memory_view(bytes->size(), bytes->data())).call<void>("set", weights);
  return mtcnn::WeightsFile{bytes->data(), bytes->size()};
}

// alignFaces(image, faces, options): one RGBA crop per face (mtcnn/align.h).
val AlignFaces(val image, val faces, val options) {
  return Guard([&] {
    const mtcnn::AlignOptions o = AlignOptionsFromJs(options);
    // Before the faces are read: a huge array is refused for its length.
    const val length = val::global("Array").call<bool>("isArray", faces) ? faces["length"] : val(0);
    mtcnn::ValidateAlignOptions(o, length.as<size_t>());
    const std::vector<mtcnn::Face> parsed = FacesFromJs(faces, o.kind);
    const JsImage js = ImageFromJs(image);
    return CropsToJs(mtcnn::AlignFaces(ImageViewOf(js), parsed, o));
  });
}

class JsDetector {
 public:
  // options: see ConfigFromJs; weights: undefined for the bundled weights, or a Uint8Array
  // holding a safetensors file; lnet_weights: LNet's (weights/lnet.safetensors), or
  // undefined.
  val init(val options, val weights, val lnet_weights) {
    return Guard([&] {
      std::vector<uint8_t> bytes, lnet_bytes;
      const std::optional<mtcnn::WeightsFile> file = WeightsFromJs(weights, "weights", &bytes);
      const std::optional<mtcnn::WeightsFile> lnet =
          WeightsFromJs(lnet_weights, "landmarkWeights", &lnet_bytes);
      detector_ =
          std::make_unique<mtcnn::Detector>(ConfigFromJs(options, mtcnn::Config()), file, lnet);
      return val(detector_->config().threads);
    });
  }

  // Starts the detector's threads. In the threads build call it once the module's pthread
  // Workers have loaded: started before, pthreadpool would wait on this thread for Workers
  // whose "loaded" message this same thread has yet to handle.
  val startThreads() {
    return Guard([&] {
      Live().StartThreads();
      return val::undefined();
    });
  }

  val detectFaces(val image) {
    return Guard([&] {
      mtcnn::Detector& detector = Live();
      const JsImage js = ImageFromJs(image);
      return FacesToJs(detector.Detect(ImageViewOf(js)));
    });
  }

  val detectForVideo(val image, val timestamp_ms) {
    return Guard([&] {
      mtcnn::Detector& detector = Live();
      if (timestamp_ms.typeOf().as<std::string>() != "number") {
        throw mtcnn::Error(mtcnn::ErrorKind::kInvalidOption, "timestampMs must be a number");
      }
      const JsImage js = ImageFromJs(image);
      return VideoFacesToJs(detector.DetectForVideo(ImageViewOf(js), timestamp_ms.as<double>()));
    });
  }

  val resetVideo() {
    return Guard([&] {
      Live().ResetVideo();
      return val::undefined();
    });
  }

  val setOptions(val options) {
    return Guard([&] {
      mtcnn::Detector& detector = Live();
      detector.Reconfigure(ConfigFromJs(options, detector.config()));
      return OptionsToJs(detector.config());
    });
  }

  val options() const { return detector_ ? OptionsToJs(detector_->config()) : val::undefined(); }
  val lastTimings() const {
    return detector_ ? TimingsToJs(detector_->last_timings()) : val::undefined();
  }
  // Per-layer times of the last call with profileLayers on; null when off.
  val lastLayerTimings() const {
    if (!detector_ || !detector_->config().profile_layers) return val::null();
    return LayerTimingsToJs(detector_->last_layer_timings());
  }
  int threads() const { return detector_ ? detector_->config().threads : 0; }

  // Frees the networks and the thread pool now rather than when JS collects the object.
  void dispose() { detector_.reset(); }

 private:
  mtcnn::Detector& Live() const {
    if (!detector_)
      throw mtcnn::Error(mtcnn::ErrorKind::kInvalidOption,
                         "the detector is disposed or not initialised");
    return *detector_;
  }
  std::unique_ptr<mtcnn::Detector> detector_;
};

// Bytes malloc has handed out and not had back: what leak tests watch.
double HeapBytesInUse() { return static_cast<double>(mallinfo().uordblks); }
// The most the heap has ever spanned (dlmalloc's max footprint): what memory-limit tests
// watch, free of the WebAssembly memory's own growth steps.
double HeapPeakBytes() { return static_cast<double>(mallinfo().usmblks); }

}  // namespace
}  // namespace mtcnn_bindings

EMSCRIPTEN_BINDINGS(mtcnn) {
  emscripten::function("heapBytesInUse", &mtcnn_bindings::HeapBytesInUse);
  emscripten::function("heapPeakBytes", &mtcnn_bindings::HeapPeakBytes);
  emscripten::function("alignFaces", &mtcnn_bindings::AlignFaces);
  // The core's limits, which web/dist/limits.mjs copies for checks made before a module loads.
  emscripten::constant("maxThreads", mtcnn::kMaxThreads);
  emscripten::constant("maxImagePixels", static_cast<double>(mtcnn::kMaxImagePixels));
  emscripten::class_<mtcnn_bindings::JsDetector>("Detector")
      .constructor<>()
      .function("init", &mtcnn_bindings::JsDetector::init)
      .function("startThreads", &mtcnn_bindings::JsDetector::startThreads)
      .function("detectFaces", &mtcnn_bindings::JsDetector::detectFaces)
      .function("detectForVideo", &mtcnn_bindings::JsDetector::detectForVideo)
      .function("resetVideo", &mtcnn_bindings::JsDetector::resetVideo)
      .function("setOptions", &mtcnn_bindings::JsDetector::setOptions)
      .function("options", &mtcnn_bindings::JsDetector::options)
      .function("lastTimings", &mtcnn_bindings::JsDetector::lastTimings)
      .function("lastLayerTimings", &mtcnn_bindings::JsDetector::lastLayerTimings)
      .function("threads", &mtcnn_bindings::JsDetector::threads)
      .function("dispose", &mtcnn_bindings::JsDetector::dispose);
}
