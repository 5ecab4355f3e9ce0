#include "test_util.h"

#include <array>
#include <cstdio>
#include <filesystem>
#include <stdexcept>

#include <unistd.h>

namespace mtcnn_train_test {

std::string RepoPath(const std::string& relative) {
  return std::string(MTCNN_REPO_DIR) + "/" + relative;
}

std::string NativeBuildPath(const std::string& relative) {
  const std::string path = std::string(MTCNN_NATIVE_BUILD) + "/" + relative;
  if (!std::filesystem::exists(path)) {
    throw std::runtime_error(path +
                             " is missing: build the detector first (scripts/build.sh native)");
  }
  return path;
}

std::string TempDir(const std::string& name) {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() /
                                    ("mtcnn-train-test-" + name + "-" + std::to_string(getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir.string();
}

std::string Run(const std::string& command) {
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) throw std::runtime_error("cannot run " + command);
  std::string out;
  std::array<char, 4096> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), pipe)) > 0) out.append(buf.data(), n);
  if (pclose(pipe) != 0) throw std::runtime_error("failed: " + command);
  return out;
}

}  // namespace mtcnn_train_test
