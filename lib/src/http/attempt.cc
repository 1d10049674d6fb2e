#include "attempt.h"

#include "connect.h"
#include "gzip_decoder.h"
#include "transport_errors.h"

#include <array>
#include <chrono>
#include <limits>
#include <optional>

namespace instructor::http::detail {
namespace {

// One attempt in progress. Lives in the coroutine frame of run_attempt.
class Attempt {
 public:
  explicit Attempt(Exchange& exchange) : x_(exchange), state_(*exchange.state), control_(*exchange.control) {}

  asio::awaitable<AttemptOutcome> run();

 private:
  asio::awaitable<AttemptOutcome> run_on_pool(const PoolKey& key, const std::optional<Url>& proxy);
  template <typename Stream>
  asio::awaitable<AttemptOutcome> exchange(Stream& stream, Connection& connection, bool reused, bool& reusable,
                                           bool& stale);
  Error io_error(const error_code& ec, Phase phase, bool sent, std::size_t body_bytes = 0) const {
    return operation_error(x_, ec, phase, sent, body_bytes);
  }
  Error fail(Errc code, const std::string& message, bool sent = false) const {
    return request_error(x_, code, message, sent);
  }
  bhttp::request<bhttp::string_body> build_request(bool absolute_target, const std::optional<Url>& proxy) const;

  Exchange& x_;
  ClientState& state_;
  RequestControl& control_;
  bhttp::request<bhttp::string_body> wire_;
};

bhttp::request<bhttp::string_body> Attempt::build_request(bool absolute_target, const std::optional<Url>& proxy) const {
  const Url& url = *x_.url;
  std::string target = absolute_target ? url.scheme + "://" + url.host_header() + url.target : url.target;
  bhttp::request<bhttp::string_body> req{bhttp::string_to_verb(x_.request.method), target, 11};
  if (req.method() == bhttp::verb::unknown) req.method_string(x_.request.method);
  req.set(bhttp::field::host, url.host_header());
  req.set(bhttp::field::user_agent, state_.options.user_agent);
  if (state_.options.accept_gzip) req.set(bhttp::field::accept_encoding, "gzip");
  if (absolute_target && proxy && !proxy->userinfo.empty()) {
    req.set(bhttp::field::proxy_authorization, proxy_authorization(*proxy));
  }
  for (const Header& h : x_.request.headers) req.set(h.name, h.value);
  req.body() = x_.request.body;
  req.prepare_payload();
  return req;
}

asio::awaitable<AttemptOutcome> Attempt::run() {
  const Url& url = *x_.url;
  std::optional<Url> proxy;
  if (auto proxy_text = state_.options.proxy->proxy_for(url)) {
    proxy = Url::parse(*proxy_text);
    if (!proxy || proxy->tls()) {
      co_return AttemptOutcome{fail(Errc::proxy_failed, "the proxy URL '" + redact_url(*proxy_text) +
                                                            "' for " + x_.where +
                                                            " is not usable (only http:// proxies are supported)")};
    }
  }
  wire_ = build_request(proxy && !url.tls(), proxy);
  PoolKey key{url.scheme, url.host, url.port, proxy ? proxy->authority() : std::string()};

  // The whole-attempt deadline.
  std::uint64_t id = ++control_.attempt;
  control_.timed_out.reset();
  asio::steady_timer watchdog(state_.strand);
  watchdog.expires_after(x_.timeouts.request);
  std::weak_ptr<RequestControl> weak = x_.control;
  watchdog.async_wait([weak, id](const error_code& ec) {
    auto control = weak.lock();
    if (!ec && control && control->attempt == id) control->abort(Errc::request_timeout);
  });
  AttemptOutcome outcome = co_await run_on_pool(key, proxy);
  watchdog.cancel();
  co_return outcome;
}

asio::awaitable<AttemptOutcome> Attempt::run_on_pool(const PoolKey& key, const std::optional<Url>& proxy) {
  // A kept-alive connection the server closed is replaced once by a fresh
  // one, when the request cannot have been acted on twice.
  for (int fresh_tries = 0;; ++fresh_tries) {
    Lease lease;
    {
      asio::steady_timer waiter(state_.strand);
      AbortHook hook(control_, [&waiter] { waiter.cancel(); });
      if (!control_.reason()) lease = co_await state_.pool.acquire(key, waiter);
    }
    if (control_.reason() || !lease.granted) {
      if (lease.granted) state_.pool.release(key, std::move(lease.connection), true);
      co_return AttemptOutcome{io_error(asio::error::operation_aborted, Phase::connect, false)};
    }
    bool reused = lease.connection != nullptr;
    std::unique_ptr<Connection> connection = std::move(lease.connection);
    if (!connection) {
      Error error;
      connection = co_await open_connection(x_, proxy, error);
      if (!connection) {
        state_.pool.release_slot(key);
        co_return AttemptOutcome{std::move(error)};
      }
    }
    bool reusable = false;
    bool stale = false;
    // (No co_await inside ?: here: GCC 12 miscompiles it.)
    AttemptOutcome outcome;
    if (connection->secure) {
      outcome = co_await exchange(*connection->secure, *connection, reused, reusable, stale);
    } else {
      outcome = co_await exchange(*connection->plain, *connection, reused, reusable, stale);
    }
    state_.pool.release(key, std::move(connection), reusable && !outcome.error);
    bool safe_to_resend = !outcome.error.request_sent() || x_.request.idempotent();
    if (stale && fresh_tries == 0 && safe_to_resend && !control_.reason()) {
      state_.log("http: kept-alive connection to " + x_.where + " was closed by the server; retrying on a new one");
      continue;
    }
    if (stale && !safe_to_resend) {
      outcome.error = fail(Errc::connection_closed,
                           "the server closed the kept-alive connection of " + x_.where +
                               " after the whole request was sent and before any response; not resent because " +
                               x_.request.method + " is not idempotent and the server may have processed it",
                           true);
    }
    co_return outcome;
  }
}

template <typename Stream>
asio::awaitable<AttemptOutcome> Attempt::exchange(Stream& stream, Connection& connection, bool reused,
                                                  bool& reusable, bool& stale) {
  AttemptOutcome outcome;
  beast::tcp_stream& tcp = connection.tcp();
  AbortHook hook(control_, [&tcp] { tcp.close(); });
  error_code ec;

  tcp.expires_after(x_.timeouts.idle);
  co_await bhttp::async_write(stream, wire_, asio::redirect_error(asio::use_awaitable, ec));
  if (ec || control_.reason()) {
    stale = reused && is_peer_closed(ec);
    outcome.error = io_error(ec ? ec : asio::error::operation_aborted, Phase::write, false);
    co_return outcome;
  }
  ++connection.requests;

  // Interim 1xx answers (100 Continue, 103 Early Hints) come before the real one: skip them.
  std::optional<bhttp::response_parser<bhttp::buffer_body>> interim_or_final;
  for (int interim = 0;; ++interim) {
    auto& p = interim_or_final.emplace();
    p.header_limit(static_cast<std::uint32_t>(state_.options.max_header_bytes));
    p.body_limit(std::numeric_limits<std::uint64_t>::max());  // the cap is enforced below, with a better error
    if (wire_.method() == bhttp::verb::head) p.skip(true);
    tcp.expires_after(x_.timeouts.idle);
    co_await bhttp::async_read_header(stream, connection.buffer, p, asio::redirect_error(asio::use_awaitable, ec));
    if (ec || control_.reason()) {
      stale = reused && interim == 0 && !p.got_some() && is_peer_closed(ec);
      outcome.error = io_error(ec ? ec : asio::error::operation_aborted, Phase::read_header, true);
      co_return outcome;
    }
    unsigned status = p.get().result_int();
    if (status < 100 || status >= 200 || status == 101) break;
    if (interim == 8) {
      outcome.error = fail(Errc::protocol_error, "too many interim 1xx responses from " + x_.where, true);
      co_return outcome;
    }
  }
  auto& parser = *interim_or_final;

  Response& response = outcome.response;
  const auto& head = parser.get();
  response.status = static_cast<int>(head.result_int());
  response.reason = std::string(head.reason());
  for (const auto& field : head) response.headers.push_back({std::string(field.name_string()), std::string(field.value())});
  std::optional<GzipDecoder> gzip;
  if (auto encoding = response.header("content-encoding"); encoding && *encoding != "identity") {
    if (*encoding == "gzip" || *encoding == "x-gzip") {
      gzip.emplace();
    } else {
      outcome.error = fail(Errc::protocol_error, "the response of " + x_.where + " is encoded with '" +
                                                     std::string(*encoding) +
                                                     "', which this client does not decode (only gzip)",
                           true);
      co_return outcome;
    }
  }

  if (x_.on_response_head) x_.on_response_head(response);
  bool to_handler = x_.on_body && response.status >= 200 && response.status < 300;
  std::size_t received = 0;   // bytes off the wire
  std::size_t delivered = 0;  // bytes after decoding
  bool over_cap = false;
  auto deliver = [&](std::string_view bytes) {
    delivered += bytes.size();
    if (delivered > x_.max_body_bytes) {
      over_cap = true;
      return false;
    }
    if (to_handler) {
      x_.body_delivered = true;
      x_.on_body(bytes);
    } else {
      response.body.append(bytes);
    }
    return true;
  };
  std::array<char, 8192> chunk;  // in the coroutine frame: part of the memory per in-flight request
  while (!parser.is_done()) {
    parser.get().body().data = chunk.data();
    parser.get().body().size = chunk.size();
    tcp.expires_after(x_.timeouts.idle);
    co_await bhttp::async_read_some(stream, connection.buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
    if (ec == bhttp::error::need_buffer) ec = {};
    std::size_t got = chunk.size() - parser.get().body().size;
    if (got > 0) {
      received += got;
      std::string_view bytes(chunk.data(), got);
      if (!(gzip ? gzip->feed(bytes, deliver) : deliver(bytes))) {
        outcome.error = over_cap ? fail(Errc::body_too_large, "the response body of " + x_.where +
                                                                  " is larger than the cap of " +
                                                                  std::to_string(x_.max_body_bytes) + " bytes",
                                        true)
                                 : fail(Errc::protocol_error, "the gzip body of " + x_.where + " is invalid: " +
                                                                  gzip->error(), true);
        co_return outcome;
      }
    }
    if (ec || control_.reason()) {
      outcome.error = io_error(ec ? ec : asio::error::operation_aborted, Phase::read_body, true, received);
      co_return outcome;
    }
  }
  if (gzip && received > 0 && !gzip->complete()) {
    outcome.error = fail(Errc::protocol_error, "the gzip body of " + x_.where + " ended before its gzip stream did",
                         true);
    co_return outcome;
  }
  reusable = parser.keep_alive() && connection.buffer.size() == 0;
  co_return outcome;
}

}  // namespace

asio::awaitable<AttemptOutcome> run_attempt(Exchange& exchange) {
  Attempt attempt(exchange);
  co_return co_await attempt.run();
}

}  // namespace instructor::http::detail
