// Paths and helpers the trainer's tests share.
#pragma once

#include <string>

namespace mtcnn_train_test {

std::string RepoPath(const std::string& relative);
std::string NativeBuildPath(const std::string& relative);  // throws if it is not built
// A fresh, empty temporary folder for one test.
std::string TempDir(const std::string& name);
// Runs a shell command; returns its standard output, throws on a non-zero exit.
std::string Run(const std::string& command);

}  // namespace mtcnn_train_test
