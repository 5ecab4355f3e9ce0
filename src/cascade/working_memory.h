// Upper bounds of what one detection allocates, computed from shapes before allocating, so
// that the memory limit (runtime/memory_budget.h) can refuse an input with a clear error
// instead of letting it run the WebAssembly heap into its 4 GiB ceiling. The detector's
// fixed memory (weights, operators) is not counted: it does not depend on the input.
#pragma once

#include <cstdint>
#include <vector>

#include "cascade/boxes.h"
#include "cascade/pnet_bands.h"

namespace mtcnn {

// Stage 1 on a width x height image: the packed RGB copy, the `threads` largest bands of
// the plan (each thread holds the buffers of one band at a time; counting the largest ones
// does not depend on which thread runs which), and the operators the P-Nets keep per band
// size (kept after the call; counted again by each call, as the sizes may be new).
uint64_t PnetStageBytes(int width, int height, const PnetPlan& plan, int threads);

// R-Net's and O-Net's buffers for one run of a chunk of crops on each of `threads` threads
// (each has its own networks): made on first use, then kept.
uint64_t CropNetsBytes(int threads);

// What each P-Net candidate window costs until stage 1 ends. Their number depends on the
// image and thresholds[0] (every map cell at 0), so stage 1 counts them as it finds them
// against what the limit leaves.
uint64_t PnetCandidateBytes();

// Stage 2 or 3: the crops' network input and outputs, plus the `threads` largest windows
// (float64, the box's full size) and their resize buffers.
uint64_t CropStageBytes(const std::vector<CropWindow>& windows, int size, int threads);

}  // namespace mtcnn
