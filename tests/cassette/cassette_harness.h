// What the cassette tests share: a fresh cassette path, a file's bytes,
// clients that record to or replay from a cassette, and the replay server
// as a child process.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <string>
#include <vector>

#include "client_harness.h"

namespace instructor::testing {

// A path in a fresh temporary folder, removed at exit.
std::string fresh_cassette_path(const std::string& name);
std::string file_bytes(const std::string& path);

// A client that records every exchange with `server` to `path`.
Client recording_client(std::string_view provider_and_model, const FakeProviderServer& server, const std::string& path);
// A client that answers from `path`: no key, and a base URL where nothing listens.
Client replaying_client(std::string_view provider_and_model, const std::string& path);

// instructor-replay in a child process; stops it (SIGTERM) when it goes.
class ReplayServer {
 public:
  explicit ReplayServer(std::vector<std::string> arguments);
  ~ReplayServer();
  ReplayServer(const ReplayServer&) = delete;
  ReplayServer& operator=(const ReplayServer&) = delete;

  // The first line it printed: its base URL.
  const std::string& base_url() const { return base_url_; }
  // Everything it printed on stderr once stopped.
  std::string stop_and_read_errors();

 private:
  pid_t pid_ = 0;
  int errors_fd_ = -1;
  std::string base_url_;
};

}  // namespace instructor::testing
