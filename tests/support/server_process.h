// A fake provider server in a child process, for benchmarks: the client's
// CPU time (getrusage of this process) then does not count the server's.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <functional>

#include "fake_provider_server.h"

namespace instructor::testing {

class ServerProcess {
 public:
  // Forks; the child serves every request with `handler` until this object goes.
  explicit ServerProcess(std::function<ScriptedResponse(const RecordedRequest&)> handler);
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  std::uint16_t port() const { return port_; }
  pid_t pid() const { return pid_; }

 private:
  pid_t pid_ = 0;
  int to_child_ = -1;
  std::uint16_t port_ = 0;
};

}  // namespace instructor::testing
