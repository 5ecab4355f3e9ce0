// Upper bounds of what one detection allocates, computed from shapes before allocating, so
// that a memory limit can refuse an input with a clear error (kResourceLimit) instead of
// letting it run the WebAssembly heap into its 4 GiB ceiling. The detector's fixed memory
// (weights, operators) is not counted: it does not depend on the input.
#pragma once

#include <cstdint>
#include <vector>

#include "boxes.h"
#include "pyramid.h"

namespace mtcnn {

// One P-Net band (pnet_bands.h) of `rows` level rows on one thread: the band image,
// P-Net's input, activations, operator indirection buffers and outputs, and the resize's
// buffer.
uint64_t PnetBandBytes(int width, int rows);

// What the P-Nets of `threads` threads may keep for the band sizes of these levels: each
// convolution's operators per input size (Conv2d's shape cache, kPnetShapeCacheBytes at
// most). Kept after the call; counted again by each call, as the sizes may be new.
uint64_t PnetShapeCacheBytes(const std::vector<PyramidLevel>& levels, int threads);

// Stage 1 on a width x height image: the packed RGB copy, the `threads` largest bands
// (each thread holds the buffers of one band at a time; counting the largest ones does not
// depend on which thread the plan gives which band) and the P-Nets' shape caches.
uint64_t PnetStageBytes(int width, int height, const std::vector<PyramidLevel>& levels, int threads);

// R-Net's and O-Net's activations and operator buffers for one chunk of crops, on each of
// `threads` threads (each has its own networks). Allocated on first use, then kept.
uint64_t CropNetsBytes(int threads);

// What each P-Net candidate window costs until stage 1 ends. Their number depends on the
// image and thresholds[0] (every map cell at 0), so stage 1 counts them as it finds them
// against what the limit leaves after PnetStageBytes.
uint64_t PnetCandidateBytes();

// Stage 2 or 3: the crops' network input and outputs, plus the `threads` largest windows
// (float64, the box's full size) and their resize buffers.
uint64_t CropStageBytes(const std::vector<Box>& boxes, int size, int image_width, int image_height, int threads);

// Megabytes (MiB) as a byte count; infinity (or anything past uint64_t) means no limit.
uint64_t MegabytesToBytes(double megabytes);

}  // namespace mtcnn
