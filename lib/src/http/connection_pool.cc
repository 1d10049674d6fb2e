#include "connection_pool.h"

#include <sys/socket.h>

#include <algorithm>
#include <cerrno>

namespace instructor::http::detail {

void Connection::close() {
  error_code ignored;
  tcp().socket().shutdown(tcp::socket::shutdown_both, ignored);
  tcp().close();
}

ConnectionPool::ConnectionPool(asio::strand<asio::any_io_executor> strand, std::size_t max_per_host,
                               std::chrono::milliseconds idle_expiry)
    : strand_(std::move(strand)), max_per_host_(std::max<std::size_t>(1, max_per_host)), idle_expiry_(idle_expiry) {}

// An idle connection is reusable when it is young enough and the server has
// neither closed it nor sent anything unasked (a peek that would block).
bool ConnectionPool::usable(Connection& connection, std::chrono::steady_clock::time_point now) {
  if (now - connection.idle_since > idle_expiry_) return false;
  if (connection.buffer.size() != 0) return false;
  auto& socket = connection.tcp().socket();
  if (!socket.is_open()) return false;
  char byte = 0;
  ssize_t n = ::recv(socket.native_handle(), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
  if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return true;
  ++stale_discarded;
  return false;
}

asio::awaitable<Lease> ConnectionPool::acquire(const PoolKey& key, asio::steady_timer& waiter) {
  Bucket& bucket = buckets_[key];
  auto now = std::chrono::steady_clock::now();
  while (!bucket.idle.empty()) {
    std::unique_ptr<Connection> connection = std::move(bucket.idle.back());
    bucket.idle.pop_back();
    --idle_count;
    if (usable(*connection, now)) {
      ++reused;
      co_return Lease{std::move(connection), true};
    }
    connection->close();
    --bucket.open;
  }
  if (bucket.open < max_per_host_) {
    ++bucket.open;
    co_return Lease{nullptr, true};
  }
  // Full: wait in line until a release hands us a connection or a slot.
  Waiter self{waiter, std::nullopt};
  waiter.expires_at(asio::steady_timer::time_point::max());
  bucket.waiters.push_back(&self);
  error_code ec;
  co_await waiter.async_wait(asio::redirect_error(asio::use_awaitable, ec));
  if (self.handed) co_return std::move(*self.handed);
  // Not handed anything: the caller aborted the wait.
  std::erase(bucket.waiters, &self);
  co_return Lease{nullptr, false};
}

void ConnectionPool::close_expired(Bucket& bucket) {
  auto now = std::chrono::steady_clock::now();
  std::size_t expired = 0;
  while (expired < bucket.idle.size() && now - bucket.idle[expired]->idle_since > idle_expiry_) {
    bucket.idle[expired]->close();
    ++expired;
  }
  if (expired == 0) return;
  bucket.idle.erase(bucket.idle.begin(), bucket.idle.begin() + static_cast<std::ptrdiff_t>(expired));
  bucket.open -= expired;
  idle_count -= expired;
}

void ConnectionPool::release(const PoolKey& key, std::unique_ptr<Connection> connection, bool reusable) {
  Bucket& bucket = buckets_[key];
  close_expired(bucket);
  if (!(reusable && connection) && connection) connection->close();
  if (!bucket.waiters.empty()) {
    // The first in line gets this connection, or its slot: `open` stays the same.
    Waiter* next = bucket.waiters.front();
    bucket.waiters.pop_front();
    if (reusable && connection) {
      ++reused;
      next->handed = Lease{std::move(connection), true};
    } else {
      next->handed = Lease{nullptr, true};
    }
    next->timer.cancel();
    return;
  }
  if (reusable && connection) {
    connection->idle_since = std::chrono::steady_clock::now();
    bucket.idle.push_back(std::move(connection));
    ++idle_count;
  } else {
    --bucket.open;
  }
}

void ConnectionPool::release_slot(const PoolKey& key) { release(key, nullptr, false); }

void ConnectionPool::close_idle() {
  // Waiters stay in line: a host with idle connections has nobody waiting.
  for (auto& [key, bucket] : buckets_) {
    for (auto& connection : bucket.idle) connection->close();
    bucket.open -= bucket.idle.size();
    idle_count -= bucket.idle.size();
    bucket.idle.clear();
  }
}

}  // namespace instructor::http::detail
