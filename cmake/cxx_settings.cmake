# C++ settings shared by the project (CMakeLists.txt) and the trainer (train/CMakeLists.txt).
set(CMAKE_CXX_STANDARD 17)
set(CMAKE_CXX_STANDARD_REQUIRED ON)
set(CMAKE_CXX_EXTENSIONS OFF)
if(NOT CMAKE_BUILD_TYPE)
  set(CMAKE_BUILD_TYPE Release)
endif()

# Exact float semantics: the parity contract is with numpy's float64 box arithmetic, so no
# contraction into fused multiply-adds and no fast-math. The trainer's crops and box rules
# must compute what the detector computes, so it uses the same.
add_compile_options(-ffp-contract=off -Wall -Wextra)
