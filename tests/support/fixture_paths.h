// Where the provider fixtures live: the hand-written ones in the repository
// (tests/fixtures/) and the real recordings beside it (../shared/fixtures/).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace instructor::testing {

// tests/fixtures: written by hand in the providers' wire formats; every run has them.
std::filesystem::path repo_fixtures_dir();

// The real recordings: $INSTRUCTOR_SHARED_FIXTURES_DIR when set, else the
// folder configured in CMake (INSTRUCTOR_SHARED_FIXTURES_DIR, by default
// ../shared/fixtures beside the repository). Only conformance tests read it.
std::filesystem::path shared_fixtures_dir();

// Why the real recordings cannot be read (no such folder), or nothing when they can.
std::optional<std::string> shared_fixtures_missing();

// Every file under `dir` whose name ends with `suffix` (".sse", ".chunks.txt"), sorted.
std::vector<std::filesystem::path> fixture_files(const std::filesystem::path& dir, std::string_view suffix);

// The bytes of a file; throws std::runtime_error when it cannot be read.
std::string read_file(const std::filesystem::path& path);

}  // namespace instructor::testing
