// Keep-alive connections per (scheme, host, port, proxy): reuse, a cap per
// host with a line of waiters beyond it, idle expiry, and a liveness check
// before reuse. Lives on the client's strand; not thread-safe by itself.
#pragma once

#include <atomic>
#include <chrono>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "asio.h"

namespace instructor::http::detail {

// One open connection: plain TCP, or TLS over TCP (possibly through a proxy tunnel).
struct Connection {
  explicit Connection(beast::tcp_stream tcp) : plain(std::make_unique<beast::tcp_stream>(std::move(tcp))) {}

  beast::tcp_stream& tcp() { return secure ? secure->next_layer() : *plain; }
  void close();

  std::unique_ptr<beast::tcp_stream> plain;                       // before TLS is started
  std::unique_ptr<ssl::stream<beast::tcp_stream>> secure;         // once TLS is started
  beast::flat_buffer buffer;
  std::chrono::steady_clock::time_point idle_since;
  int requests = 0;
};

// Where a connection goes: a pool bucket.
struct PoolKey {
  std::string scheme;
  std::string host;
  std::uint16_t port = 0;
  std::string proxy;  // empty when direct
  auto operator<=>(const PoolKey&) const = default;
};

// What acquire() gives: a live idle connection, or the right to open one.
struct Lease {
  std::unique_ptr<Connection> connection;  // null: open a new one
  bool granted = false;                    // false: the wait ended (timeout or abort) without a slot
};

class ConnectionPool {
 public:
  ConnectionPool(asio::strand<asio::any_io_executor> strand, std::size_t max_per_host,
                 std::chrono::milliseconds idle_expiry);

  // A live idle connection, or the right to open one; when the host is at
  // its cap, waits in line (first come, first served) until a release hands
  // one over. The caller aborts the wait by cancelling `waiter`.
  asio::awaitable<Lease> acquire(const PoolKey& key, asio::steady_timer& waiter);

  // Gives a connection back after a complete exchange (reusable) or drops it.
  void release(const PoolKey& key, std::unique_ptr<Connection> connection, bool reusable);
  // A slot granted for a new connection that was never opened.
  void release_slot(const PoolKey& key);

  void close_idle();

  std::atomic<std::uint64_t> reused{0};
  std::atomic<std::uint64_t> stale_discarded{0};
  std::atomic<std::size_t> idle_count{0};

 private:
  // A request waiting in line; release() hands it a connection or a slot directly.
  struct Waiter {
    asio::steady_timer& timer;
    std::optional<Lease> handed;
  };
  struct Bucket {
    std::vector<std::unique_ptr<Connection>> idle;  // oldest first
    std::size_t open = 0;  // idle + in use + being opened + handed to a waiter
    std::deque<Waiter*> waiters;
  };
  bool usable(Connection& connection, std::chrono::steady_clock::time_point now);
  void close_expired(Bucket& bucket);

  asio::strand<asio::any_io_executor> strand_;
  std::size_t max_per_host_;
  std::chrono::milliseconds idle_expiry_;
  std::map<PoolKey, Bucket> buckets_;
};

}  // namespace instructor::http::detail
