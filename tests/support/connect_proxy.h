// A small HTTP CONNECT proxy on 127.0.0.1 for tests: it opens tunnels to
// 127.0.0.1 (whatever host name was asked for, so tests stay on loopback),
// and records what it was asked.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace instructor::testing {

class ConnectProxy {
 public:
  struct Options {
    std::string required_authorization;  // e.g. "Basic dXNlcjpwdw==": anything else gets 407
  };

  ConnectProxy();
  explicit ConnectProxy(Options options);
  ~ConnectProxy();
  ConnectProxy(const ConnectProxy&) = delete;
  ConnectProxy& operator=(const ConnectProxy&) = delete;

  std::uint16_t port() const;
  // "http://127.0.0.1:<port>"
  std::string url() const;

  // The targets of CONNECT requests received ("host:port"), in order.
  std::vector<std::string> connect_targets() const;
  // The Proxy-Authorization header of each CONNECT request ("" when absent).
  std::vector<std::string> authorizations() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace instructor::testing
