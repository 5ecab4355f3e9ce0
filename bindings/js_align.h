// Conversions for alignFaces: the faces and options JavaScript passes in, the crops it gets
// back (mtcnn/align.h).
#pragma once

#include <emscripten/val.h>

#include <vector>

#include "mtcnn/align.h"
#include "mtcnn/results.h"

namespace mtcnn_bindings {

// {size, template: 'arcface' | 'facenet' | [[x, y] x 5], margin}, each optional. Throws
// Error(kInvalidOption) for a value of the wrong type; ranges are the core's to check.
mtcnn::AlignOptions AlignOptionsFromJs(const emscripten::val& options);
// An array of faces as detectFaces returns them; only what `kind` reads is required (the
// keypoints, or the box for facenet). Throws Error(kInvalidOption) naming the face and
// field.
std::vector<mtcnn::Face> FacesFromJs(const emscripten::val& faces, mtcnn::AlignTemplate kind);
// [{width, height, data: Uint8ClampedArray of RGBA}], copied out of the WebAssembly heap.
emscripten::val CropsToJs(const std::vector<mtcnn::RgbaImage>& crops);

}  // namespace mtcnn_bindings
