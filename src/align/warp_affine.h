// Bilinear resampling through an affine map with OpenCV's arithmetic: what
// cv::warpAffine(src, dst, M, dsize, INTER_LINEAR, BORDER_CONSTANT, 0) computes for 8-bit
// images, so that crops match those of the Python code recognition models were trained
// with.
//
// OpenCV inverts M (dst -> src) in double, then steps through the destination in fixed
// point: a source position is rounded to 1/1024 pixel, then shifted down to 1/32 pixel
// (INTER_BITS = 5), whose integer part picks the 2 x 2 neighbourhood and whose fraction
// (fx, fy) in 32nds picks the weights (32 - fx)(32 - fy) * 32 and so on, which sum to
// 2^15. A value is the weighted sum plus 2^14, shifted down 15 bits. A neighbour outside
// the image counts as 0 (BORDER_CONSTANT), so the edge of the image fades to black over
// one pixel.
#pragma once

#include <cstdint>

#include "align/affine.h"
#include "imaging/image.h"

namespace mtcnn {

// Fills `rgba` (size x size x 4) with `rgb` seen through `m` (source to destination, as
// cv::warpAffine's M), alpha 255.
void WarpAffineBilinear(const ImageU8& rgb, const Affine& m, int size, uint8_t* rgba);

}  // namespace mtcnn
