# mtcnn_shared: the core's parts that hold no network and no thread pool (the errors, boxes,
# NMS, the pyramid, crops, the reference's rules between stages, pixels, the weights file).
# The detector links it, and so does the trainer (train/), which runs its networks on
# libtorch and must not link our XNNPACK: Debian's libtorch brings its own.
set(MTCNN_SHARED_ROOT "${CMAKE_CURRENT_LIST_DIR}/..")
add_library(mtcnn_shared STATIC
  ${MTCNN_SHARED_ROOT}/src/errors.cpp
  ${MTCNN_SHARED_ROOT}/src/cascade/boxes.cpp
  ${MTCNN_SHARED_ROOT}/src/cascade/crop_window.cpp
  ${MTCNN_SHARED_ROOT}/src/cascade/nms.cpp
  ${MTCNN_SHARED_ROOT}/src/cascade/pyramid.cpp
  ${MTCNN_SHARED_ROOT}/src/cascade/stage_rules.cpp
  ${MTCNN_SHARED_ROOT}/src/imaging/image.cpp
  ${MTCNN_SHARED_ROOT}/src/imaging/normalize.cpp
  ${MTCNN_SHARED_ROOT}/src/imaging/resize_area.cpp
  ${MTCNN_SHARED_ROOT}/src/imaging/rgba_to_rgb.cpp
  ${MTCNN_SHARED_ROOT}/src/imaging/widen.cpp
  ${MTCNN_SHARED_ROOT}/src/nn/weights.cpp)
target_include_directories(mtcnn_shared PUBLIC ${MTCNN_SHARED_ROOT}/include ${MTCNN_SHARED_ROOT}/src)
target_link_libraries(mtcnn_shared PUBLIC nlohmann_json::nlohmann_json)
