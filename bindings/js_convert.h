// Conversions between JavaScript values and the core's types. This is the only place that
// knows both: the core never sees a JS value, the JS side never sees a C++ type.
#pragma once

#include <emscripten/val.h>

#include <cstdint>
#include <functional>
#include <vector>

#include "face.h"
#include "image.h"
#include "options.h"
#include "stage_timings.h"

namespace mtcnn_bindings {

// Reads {width, height, data} (ImageData or anything shaped like it: RGBA bytes in a
// Uint8ClampedArray or Uint8Array of exactly width * height * 4) into `pixels` (one copy,
// through TypedArray.set) and returns a view of it. Throws Error(kInvalidImage).
// `check_size(width, height)` runs before the copy, so that a memory limit can refuse a
// huge image before its pixels are copied.
mtcnn::ImageView ImageFromJs(const emscripten::val& image, std::vector<uint8_t>* pixels,
                             const std::function<void(int, int)>& check_size);

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

}  // namespace mtcnn_bindings
