#include "server_process.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>

namespace instructor::testing {

ServerProcess::ServerProcess(std::function<ScriptedResponse(const RecordedRequest&)> handler) {
  int to_parent[2], to_child[2];
  if (pipe(to_parent) != 0 || pipe(to_child) != 0) std::abort();
  pid_ = fork();
  if (pid_ == 0) {
    close(to_parent[0]);
    close(to_child[1]);
    FakeProviderServer server;
    server.set_handler(std::move(handler));
    std::uint16_t port = server.port();
    if (write(to_parent[1], &port, sizeof port) != sizeof port) _exit(1);
    char c;
    while (read(to_child[0], &c, 1) > 0) {
    }
    _exit(0);  // skip destructors of the recorded requests: just leave
  }
  close(to_parent[1]);
  close(to_child[0]);
  to_child_ = to_child[1];
  if (read(to_parent[0], &port_, sizeof port_) != sizeof port_) std::abort();
  close(to_parent[0]);
}

ServerProcess::~ServerProcess() {
  close(to_child_);  // the child's read() returns 0 and it leaves
  kill(pid_, SIGTERM);
  waitpid(pid_, nullptr, 0);
}

}  // namespace instructor::testing
