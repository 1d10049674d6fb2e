// Runs a Client on a private io_context for a bounded time: what every
// transport test needs.
#pragma once

#include <doctest/doctest.h>

#include <chrono>
#include <optional>
#include <thread>
#include <vector>

#include "fake_provider_server.h"
#include "instructor/http/client.h"

namespace instructor::testing {

using namespace std::chrono_literals;

// Options for tests: no proxy from the environment, no retries, short timeouts.
inline http::ClientOptions test_options() {
  http::ClientOptions options;
  options.proxy = http::ProxySettings{};
  options.retry.max_attempts = 1;
  options.retry.initial_delay = 10ms;
  options.retry.max_delay = 100ms;
  options.timeouts.connect = 3s;
  options.timeouts.request = 15s;
  options.timeouts.idle = 10s;
  return options;
}

inline http::Request get(std::string url) {
  http::Request request;
  request.method = "GET";
  request.url = std::move(url);
  return request;
}

inline http::Request post(std::string url, std::string body) {
  http::Request request;
  request.method = "POST";
  request.url = std::move(url);
  request.headers = {{"Content-Type", "application/json"}};
  request.body = std::move(body);
  return request;
}

// Runs an io_context on `count` threads (kept busy by a work guard, for at
// most `limit`). Its destructor stops the io_context and joins the threads,
// so a failing REQUIRE reports the failure instead of std::terminate on a
// joinable thread.
class IoThreads {
 public:
  IoThreads(boost::asio::io_context& io, int count, std::chrono::milliseconds limit = 30s)
      : io_(io), work_(boost::asio::make_work_guard(io)) {
    for (int i = 0; i < count; ++i) threads_.emplace_back([this, limit] { io_.run_for(limit); });
  }
  ~IoThreads() { stop(); }
  IoThreads(const IoThreads&) = delete;
  IoThreads& operator=(const IoThreads&) = delete;

  // Lets the threads return once the io_context has no more work, and joins them.
  void finish() {
    work_.reset();
    join();
  }

  // Stops the io_context at once and joins the threads.
  void stop() {
    work_.reset();
    io_.stop();
    join();
  }

 private:
  void join() {
    for (auto& thread : threads_) {
      if (thread.joinable()) thread.join();
    }
  }

  boost::asio::io_context& io_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_;
  std::vector<std::thread> threads_;
};

class Harness {
 public:
  explicit Harness(http::ClientOptions options = test_options()) : client(io.get_executor(), std::move(options)) {}

  // Runs the io_context until `done()` or the limit; false on the limit.
  template <typename Done>
  bool run_until(Done done, std::chrono::milliseconds limit = 20s) {
    io.restart();
    auto deadline = std::chrono::steady_clock::now() + limit;
    while (!done()) {
      auto now = std::chrono::steady_clock::now();
      if (now >= deadline) return false;
      io.run_one_for(deadline - now);
    }
    return true;
  }

  http::Result send(http::Request request, http::RequestOptions options = {}) {
    std::optional<http::Result> out;
    client.async_send(std::move(request), std::move(options), [&](http::Result r) { out = std::move(r); });
    REQUIRE(run_until([&] { return out.has_value(); }));
    return std::move(*out);
  }

  http::Result stream(http::Request request, http::BodyHandler on_body, http::RequestOptions options = {}) {
    std::optional<http::Result> out;
    client.async_stream(std::move(request), std::move(on_body), std::move(options),
                        [&](http::Result r) { out = std::move(r); });
    REQUIRE(run_until([&] { return out.has_value(); }));
    return std::move(*out);
  }

  boost::asio::io_context io;
  http::Client client;
};

}  // namespace instructor::testing
