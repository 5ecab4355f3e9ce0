// Conversions between JavaScript values and the core's types. This is the only place that
// knows both: the core never sees a JS value, the JS side never sees a C++ type.
#pragma once

#include <emscripten/val.h>

#include <cstdint>
#include <vector>

#include "face.h"
#include "image.h"
#include "layer_profile.h"
#include "options.h"
#include "stage_timings.h"

namespace mtcnn_bindings {

struct JsImage {
  int width;
  int height;
  emscripten::val data;  // width * height * 4 RGBA bytes
};

// Validates {width, height, data} (ImageData or anything shaped like it: RGBA bytes in a
// Uint8ClampedArray or Uint8Array of exactly width * height * 4). Throws
// Error(kInvalidImage) naming what is wrong.
JsImage ImageFromJs(const emscripten::val& image);

// Copies rows [first_row, first_row + rows) into out (rows * width * 4 bytes) with one
// TypedArray.set, for Detector::DetectRgbaRows.
void ReadRgbaRows(const JsImage& image, int first_row, int rows, uint8_t* out);

// Applies {minFaceSize, thresholds, scaleFactor} present in `options` on top of `base`.
// Throws Error(kInvalidOption) for wrong types; ranges are checked by the core.
mtcnn::DetectionOptions OptionsFromJs(const emscripten::val& options, const mtcnn::DetectionOptions& base);
// {threads} from options, default 1. Throws Error(kInvalidOption).
int ThreadsFromJs(const emscripten::val& options);

// {maxMemoryMB} from options (a number >= 1, or Infinity for no limit) in bytes, or
// `fallback` when absent. Throws Error(kInvalidOption).
uint64_t MemoryLimitFromJs(const emscripten::val& options, uint64_t fallback);

emscripten::val FacesToJs(const std::vector<mtcnn::Face>& faces);
emscripten::val OptionsToJs(const mtcnn::DetectionOptions& options, uint64_t memory_limit);
emscripten::val TimingsToJs(const mtcnn::StageTimings& t);
// options.profileLayers (a boolean), or `fallback` when absent.
bool ProfileLayersFromJs(const emscripten::val& options, bool fallback);
// [{layer, ms, flops, calls}].
emscripten::val LayerTimingsToJs(const std::vector<mtcnn::LayerTiming>& timings);

}  // namespace mtcnn_bindings
