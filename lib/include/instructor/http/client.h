// The asynchronous HTTP/1.1 client every provider call goes through: TCP or
// TLS, a keep-alive pool, timeouts, a body size cap, streaming bodies,
// proxies, transport retries with backoff, and cancellation.
#pragma once

#include <utility>  // before Asio: Boost 1.74's awaitable.hpp needs std::exchange with GCC 12

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/io_context.hpp>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "instructor/detail/completion.h"
#include "instructor/http/error.h"
#include "instructor/http/message.h"
#include "instructor/http/proxy.h"
#include "instructor/http/retry.h"

namespace instructor::http {

struct Timeouts {
  Milliseconds connect{10'000};  // TCP connect, proxy CONNECT and TLS handshake together
  Milliseconds request{600'000}; // one whole attempt, from its start to the last body byte
  Milliseconds idle{120'000};    // without a single byte sent or received once connected
};

struct TlsOptions {
  bool use_system_store = true;  // trust the system's CA certificates
  std::string extra_ca_file;     // a PEM file of more CAs to trust
  std::string extra_ca_pem;      // PEM text of more CAs to trust
  // Turns off the certificate chain AND host name checks: anyone on the path
  // can then read and change the traffic, API keys included. Tests only.
  bool dangerously_disable_certificate_verification = false;
};

struct PoolOptions {
  std::size_t max_connections_per_host = 32;  // per (scheme, host, port, proxy); requests beyond wait in line
  Milliseconds idle_expiry{30'000};           // an idle connection older than this is closed, not reused
};

struct ClientOptions {
  Timeouts timeouts;
  std::size_t max_body_bytes = 64u << 20;     // response bodies (buffered or streamed) beyond fail
  std::size_t max_header_bytes = 64u << 10;
  TlsOptions tls;
  PoolOptions pool;
  std::optional<ProxySettings> proxy;         // empty: taken from the environment when the client is made
  RetryPolicy retry;
  std::string user_agent = "instructor-cpp";
  // Send `Accept-Encoding: gzip`. A gzip body is decoded either way (and the
  // size cap applies to the decoded bytes); other encodings are an error.
  bool accept_gzip = false;
  // "host:port" -> IP address to connect to instead of resolving the host
  // (like curl's --resolve). SNI and certificate checks still use the host.
  std::map<std::string, std::string> resolve_overrides;
  // Debug lines about connections and attempts, secrets already redacted.
  std::function<void(std::string_view)> log;
};

// A way to cancel requests from any thread. Copies share one state; a
// request that uses it ends with Errc::cancelled, closing its connection.
class Cancellation {
 public:
  Cancellation();
  void cancel() const;
  bool cancelled() const;

  // For the transport: `on_cancel` runs once, at cancel() or at once when
  // already cancelled, until unsubscribe(id).
  std::uint64_t subscribe(std::function<void()> on_cancel) const;
  void unsubscribe(std::uint64_t id) const;

 private:
  struct State;
  std::shared_ptr<State> state_;
};

// Per-request settings; unset ones come from ClientOptions.
struct RequestOptions {
  // Called with the status and headers of each attempt's final response, as
  // soon as they arrive and before any body byte: to pick a decoder by
  // Content-Type, or to log a request id while a stream is still running.
  std::function<void(const Response& head)> on_response_head;
  std::optional<Timeouts> timeouts;
  std::optional<std::size_t> max_body_bytes;
  std::optional<RetryPolicy> retry;
  std::optional<Cancellation> cancellation;
};

// The outcome of a request: a response (any status, after retries), or the
// error of the last attempt.
struct Result {
  Error error;
  Response response;
  int attempts = 0;

  // A 2xx response arrived: the request did what was asked.
  bool succeeded() const { return !error && response.status >= 200 && response.status <= 299; }
  // A response of any status arrived (a 500 after every retry too); `error` is set otherwise.
  bool has_response() const { return !error; }
};

// Receives the body of a 2xx response of a streamed request, piece by piece,
// as the bytes arrive. Feed an SseDecoder or NdjsonDecoder from it.
using BodyHandler = std::function<void(std::string_view bytes)>;

// Counters for tests and benchmarks.
struct ClientStats {
  std::uint64_t connections_opened = 0;
  std::uint64_t connections_reused = 0;
  std::uint64_t stale_connections_discarded = 0;
  std::size_t idle_connections = 0;
};

namespace detail {

struct ClientState;

using ResultCallback = instructor::detail::CompletionCallback<Result>;

// Wraps an Asio completion handler for a Result (see instructor/detail/completion.h).
template <typename Handler>
ResultCallback bind_completion(Handler handler, const boost::asio::any_io_executor& io_executor) {
  return instructor::detail::bind_handler<Result>(std::move(handler), io_executor, [](Result r) { return r; });
}

}  // namespace detail

// The client. Every operation takes an Asio completion token with the
// signature void(http::Result): a callback, boost::asio::use_awaitable,
// boost::asio::use_future, ... It completes on the token's associated
// executor. Safe to use from any thread; the work itself runs on a strand of
// the executor given here.
class Client {
 public:
  explicit Client(boost::asio::any_io_executor executor, ClientOptions options = {});
  ~Client();
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  // Sends the request and reads the whole response body.
  template <typename CompletionToken>
  auto async_send(Request request, RequestOptions options, CompletionToken&& token) {
    return boost::asio::async_initiate<CompletionToken, void(Result)>(
        [this](auto handler, Request request, RequestOptions options) {
          start(std::move(request), nullptr, std::move(options),
                detail::bind_completion(std::move(handler), executor_));
        },
        token, std::move(request), std::move(options));
  }
  template <typename CompletionToken>
  auto async_send(Request request, CompletionToken&& token) {
    return async_send(std::move(request), RequestOptions{}, std::forward<CompletionToken>(token));
  }

  // Sends the request and hands a 2xx body to `on_body` as it arrives; the
  // Result then has an empty body. A non-2xx body is buffered into the Result
  // instead. Retries happen only before the first byte reached `on_body`.
  template <typename CompletionToken>
  auto async_stream(Request request, BodyHandler on_body, RequestOptions options, CompletionToken&& token) {
    return boost::asio::async_initiate<CompletionToken, void(Result)>(
        [this](auto handler, Request request, BodyHandler on_body, RequestOptions options) {
          start(std::move(request), std::move(on_body), std::move(options),
                detail::bind_completion(std::move(handler), executor_));
        },
        token, std::move(request), std::move(on_body), std::move(options));
  }

  // Closes every idle pooled connection.
  void close_idle_connections();

  // A snapshot of the counters; callable from any thread.
  ClientStats stats() const;

  const boost::asio::any_io_executor& executor() const { return executor_; }

 private:
  void start(Request request, BodyHandler on_body, RequestOptions options, detail::ResultCallback done);

  boost::asio::any_io_executor executor_;
  std::shared_ptr<detail::ClientState> state_;
};

// A blocking client: each call runs a private io_context until the request
// is done. Connections stay pooled between calls. Not for use from inside an
// Asio handler; one call at a time.
class SyncClient {
 public:
  explicit SyncClient(ClientOptions options = {});
  ~SyncClient();

  Result send(Request request, RequestOptions options = {});
  Result stream(Request request, BodyHandler on_body, RequestOptions options = {});
  ClientStats stats();

 private:
  Result run(std::function<void(detail::ResultCallback)> start);

  boost::asio::io_context io_;
  Client client_;
};

}  // namespace instructor::http
