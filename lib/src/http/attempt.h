// One request on its way: the client's shared state, the per-request control
// block that timeouts and cancellation act on, and one attempt of the exchange.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <random>
#include <string>

#include "asio.h"
#include "connection_pool.h"
#include "instructor/http/client.h"
#include "instructor/http/redact.h"
#include "instructor/http/url.h"
#include "tls_context.h"

namespace instructor::http::detail {

// What every request of one Client shares. Lives on the client's strand.
struct ClientState {
  ClientState(asio::any_io_executor executor, ClientOptions options);

  void log(const std::string& line) const {
    if (options.log) options.log(line);
  }

  asio::strand<asio::any_io_executor> strand;
  ClientOptions options;
  TlsContext tls;
  ConnectionPool pool;
  std::mt19937_64 random;
  std::atomic<std::uint64_t> connections_opened{0};
};

// Where timeouts and cancellation reach a running request. The phase in
// progress installs `on_abort` to close its socket or cancel its timer.
struct RequestControl {
  std::optional<Errc> cancelled;  // sticky once the caller cancelled
  std::optional<Errc> timed_out;  // the current attempt ran out of time
  std::uint64_t attempt = 0;
  std::function<void()> on_abort;

  std::optional<Errc> reason() const { return cancelled ? cancelled : timed_out; }
  void abort(Errc why) {
    if (why == Errc::cancelled) {
      cancelled = why;
    } else {
      timed_out = why;
    }
    if (on_abort) on_abort();
  }
};

// Installs an abort action for the duration of one phase.
class AbortHook {
 public:
  AbortHook(RequestControl& control, std::function<void()> action) : control_(control) {
    control_.on_abort = std::move(action);
  }
  ~AbortHook() { control_.on_abort = nullptr; }
  AbortHook(const AbortHook&) = delete;
  AbortHook& operator=(const AbortHook&) = delete;

 private:
  RequestControl& control_;
};

// Everything about one request, fixed before its first attempt.
struct Exchange {
  Exchange(std::shared_ptr<ClientState> state, Request request, BodyHandler on_body, const RequestOptions& options);

  std::shared_ptr<ClientState> state;
  Request request;
  std::optional<Url> url;
  BodyHandler on_body;
  std::function<void(const Response& head)> on_response_head;
  Timeouts timeouts;
  std::size_t max_body_bytes;
  RetryPolicy retry;
  std::optional<Cancellation> cancellation;
  std::shared_ptr<RequestControl> control = std::make_shared<RequestControl>();
  Redactor redact;
  std::string where;               // method and redacted URL, for messages
  bool body_delivered = false;     // some bytes reached on_body: no more retries
};

// The outcome of one attempt.
struct AttemptOutcome {
  AttemptOutcome() = default;
  explicit AttemptOutcome(Error failure) : error(std::move(failure)) {}

  Error error;
  Response response;
};

// Runs one attempt: a pooled or new connection, the request, the response.
asio::awaitable<AttemptOutcome> run_attempt(Exchange& exchange);

}  // namespace instructor::http::detail
