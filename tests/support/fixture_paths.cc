#include "fixture_paths.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace instructor::testing {

std::filesystem::path repo_fixtures_dir() { return INSTRUCTOR_REPO_FIXTURES_DIR; }

std::filesystem::path shared_fixtures_dir() {
  if (const char* dir = std::getenv("INSTRUCTOR_SHARED_FIXTURES_DIR"); dir != nullptr && *dir != '\0') return dir;
  return INSTRUCTOR_SHARED_FIXTURES_DIR;
}

std::optional<std::string> shared_fixtures_missing() {
  const std::filesystem::path dir = shared_fixtures_dir();
  std::error_code error;
  if (std::filesystem::is_directory(dir, error)) return std::nullopt;
  return "the real provider recordings are not at " + dir.string() +
         " (put the shared/ folder beside the repository, or point INSTRUCTOR_SHARED_FIXTURES_DIR at its fixtures/)";
}

std::vector<std::filesystem::path> fixture_files(const std::filesystem::path& dir, std::string_view suffix) {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    std::string name = entry.path().filename().string();
    if (entry.is_regular_file() && name.size() > suffix.size() &&
        name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0) {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace instructor::testing
