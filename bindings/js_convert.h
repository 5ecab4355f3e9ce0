// Conversions between JavaScript values and the public C++ API (mtcnn/detector.h). This is
// the only place that knows both: the core never sees a JS value, the JS side never sees a
// C++ type, and nothing here knows about networks.
#pragma once

#include <emscripten/val.h>

#include <cstdint>
#include <string>
#include <vector>

#include "mtcnn/detector.h"

namespace mtcnn_bindings {

// Throws Error(kInvalidOption) with `why`.
[[noreturn]] void BadOption(const std::string& why);
// JavaScript's typeof of `v`.
std::string TypeOf(const emscripten::val& v);

struct JsImage {
  int width;
  int height;
  emscripten::val data;  // width * height * 4 RGBA bytes
};

// Validates {width, height, data} (ImageData or anything shaped like it: RGBA bytes in a
// Uint8ClampedArray or Uint8Array of exactly width * height * 4). Throws
// Error(kInvalidImage) naming what is wrong, or Error(kResourceLimit) for an image over
// kMaxImagePixels.
JsImage ImageFromJs(const emscripten::val& image);

// The image as the detector reads it: rows copied out of the JS array a band at a time,
// with one TypedArray.set each.
mtcnn::ImageView ImageViewOf(const JsImage& image);

// `base` with the options present in `options` applied: minFaceSize, thresholds,
// scaleFactor, threads, maxMemoryMB, profileLayers, refineLandmarks, video ({fullScanIntervalMs,
// maxMissedFrames, smoothing: false | true | {minCutoff, beta, dCutoff}}). Throws
// Error(kInvalidOption) for a value of the wrong type; ranges are the core's to check.
mtcnn::Config ConfigFromJs(const emscripten::val& options, const mtcnn::Config& base);
// {minFaceSize, thresholds, scaleFactor, maxMemoryMB, refineLandmarks, video}.
emscripten::val OptionsToJs(const mtcnn::Config& config);

emscripten::val FacesToJs(const std::vector<mtcnn::Face>& faces);
// The faces plus each one's `id` and `raw` (the face as found, unsmoothed).
emscripten::val VideoFacesToJs(const std::vector<mtcnn::VideoFace>& faces);
emscripten::val TimingsToJs(const mtcnn::StageTimings& t);
// [{layer, ms, flops, calls}].
emscripten::val LayerTimingsToJs(const std::vector<mtcnn::LayerTiming>& timings);

}  // namespace mtcnn_bindings
