// The caller's image (mtcnn::ImageView) copied in as the packed RGB image the cascade reads:
// the reference works on three channels, so alpha is dropped.
#pragma once

#include <cstdint>
#include <vector>

#include "imaging/image.h"
#include "mtcnn/detector.h"

namespace mtcnn {

// Throws Error(kInvalidImage) saying what is wrong with the view: no pixels or reader, a
// side that is not positive, rows closer than a row's bytes.
void ValidateView(const ImageView& view);

// The bytes PackRgb holds besides `rgb` while it copies: a band of rows, for a view by rows.
uint64_t PackingBytes(const ImageView& view);

// Copies a valid view into `rgb` (resized to fit). A view by rows is read a band of at most
// 1 MiB at a time through `staging`, which is kept between calls up to that size.
void PackRgb(const ImageView& view, ImageU8* rgb, std::vector<uint8_t>* staging);

}  // namespace mtcnn
