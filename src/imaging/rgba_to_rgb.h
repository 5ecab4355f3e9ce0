// RGBA -> packed RGB for a run of pixels (rgb[3i + c] = rgba[4i + c]).
//
// Every detection of a browser image converts it whole, and V8 runs a byte-by-byte loop at
// about a byte per cycle; in the SIMD builds, two-input byte shuffles pack 16 pixels into
// three 16-byte stores instead.
#pragma once

#include <cstddef>
#include <cstdint>

namespace mtcnn {

void RgbaToRgb(const uint8_t* rgba, size_t pixels, uint8_t* rgb) noexcept;

}  // namespace mtcnn
