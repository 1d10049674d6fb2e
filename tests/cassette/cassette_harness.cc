#include "cassette_harness.h"

#include <doctest/doctest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

extern char** environ;

namespace instructor::testing {
namespace {

// The temporary folder of this test run, removed when the binary ends.
struct TemporaryFolder {
  TemporaryFolder() {
    std::string pattern = (std::filesystem::temp_directory_path() / "instructor-cassette-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) std::abort();
    path = pattern;
  }
  ~TemporaryFolder() {
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
  }
  std::filesystem::path path;
};

}  // namespace

std::string fresh_cassette_path(const std::string& name) {
  static TemporaryFolder folder;
  return (folder.path / name).string();
}

std::string file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE_MESSAGE(in, "cannot read " << path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

Client recording_client(std::string_view provider_and_model, const FakeProviderServer& server, const std::string& path) {
  ClientOptions options = options_for(server);
  options.cassette = Cassette::record(path);
  return from_provider(provider_and_model, options);
}

Client replaying_client(std::string_view provider_and_model, const std::string& path) {
  ClientOptions options;
  options.base_url = "http://127.0.0.1:9/v1";  // the discard port: any request that went out would fail
  options.environment = {{"OPENAI_API_KEY", ""}, {"ANTHROPIC_API_KEY", ""}, {"GEMINI_API_KEY", ""}};
  options.cassette = Cassette::replay(path);
  return from_provider(provider_and_model, options);
}

ReplayServer::ReplayServer(std::vector<std::string> arguments) {
  int out[2], err[2];
  REQUIRE(pipe(out) == 0);
  REQUIRE(pipe(err) == 0);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, err[1], STDERR_FILENO);
  posix_spawn_file_actions_addclose(&actions, out[0]);
  posix_spawn_file_actions_addclose(&actions, err[0]);
  arguments.insert(arguments.begin(), INSTRUCTOR_REPLAY_BINARY);
  std::vector<char*> argv;
  for (std::string& argument : arguments) argv.push_back(argument.data());
  argv.push_back(nullptr);
  const int spawned = posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(out[1]);
  close(err[1]);
  errors_fd_ = err[0];
  REQUIRE_MESSAGE(spawned == 0, "cannot start " << INSTRUCTOR_REPLAY_BINARY);
  char c;
  while (read(out[0], &c, 1) == 1 && c != '\n') base_url_ += c;
  close(out[0]);
}

ReplayServer::~ReplayServer() { stop_and_read_errors(); }

std::string ReplayServer::stop_and_read_errors() {
  std::string errors;
  if (pid_ == 0) return errors;
  kill(pid_, SIGTERM);
  waitpid(pid_, nullptr, 0);
  pid_ = 0;
  char buffer[4096];
  for (ssize_t n; (n = read(errors_fd_, buffer, sizeof buffer)) > 0;) errors.append(buffer, static_cast<std::size_t>(n));
  close(errors_fd_);
  return errors;
}

}  // namespace instructor::testing
