#include "nn/default_weights.h"

extern const unsigned char mtcnn_default_weights[];
extern const std::size_t mtcnn_default_weights_size;

namespace mtcnn {

WeightsFile DefaultWeights() { return {mtcnn_default_weights, mtcnn_default_weights_size}; }

}  // namespace mtcnn
