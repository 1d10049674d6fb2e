#include <algorithm>
#include <cctype>
#include <exception>

#include "attempt.h"

namespace instructor::http {
namespace detail {

ClientState::ClientState(asio::any_io_executor executor, ClientOptions client_options)
    : strand(asio::make_strand(std::move(executor))),
      options(std::move(client_options)),
      tls(options.tls),
      pool(strand, options.pool.max_connections_per_host, options.pool.idle_expiry),
      random(std::random_device{}()) {
  if (!options.proxy) options.proxy = ProxySettings::from_environment();
}

Exchange::Exchange(std::shared_ptr<ClientState> client, Request req, BodyHandler handler,
                   const RequestOptions& options)
    : state(std::move(client)),
      request(std::move(req)),
      url(Url::parse(request.url)),
      on_body(std::move(handler)),
      on_response_head(options.on_response_head),
      timeouts(options.timeouts.value_or(state->options.timeouts)),
      max_body_bytes(options.max_body_bytes.value_or(state->options.max_body_bytes)),
      retry(options.retry.value_or(state->options.retry)),
      cancellation(options.cancellation),
      redact(request),
      where(request.method + " " + redact_url(request.url)) {}

namespace {

bool is_token(std::string_view s) {
  static constexpr std::string_view kSpecials = "!#$%&'*+-.^_`|~";
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || kSpecials.find(c) != std::string_view::npos;
  });
}

// Why a request cannot be put on the wire as is; empty when it can. Header
// values with CR, LF or NUL would let one header smuggle others.
std::string request_problem(const Request& request) {
  if (!is_token(request.method)) return "the method '" + request.method + "' is not a valid HTTP token";
  for (const Header& h : request.headers) {
    if (!is_token(h.name)) return "the header name '" + h.name + "' is not a valid HTTP token";
    if (h.value.find_first_of(std::string_view("\r\n\0", 3)) != std::string::npos) {
      return "the value of header '" + h.name + "' contains CR, LF or NUL";
    }
  }
  return {};
}

// Waits between attempts; false when the request was cancelled meanwhile.
asio::awaitable<bool> sleep_between_attempts(Exchange& x, Milliseconds delay) {
  asio::steady_timer timer(x.state->strand);
  AbortHook hook(*x.control, [&timer] { timer.cancel(); });
  if (x.control->cancelled) co_return false;
  timer.expires_after(delay);
  error_code ec;
  co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
  co_return !x.control->cancelled;
}

void report_attempt(Exchange& x, const AttemptInfo& info) {
  if (x.retry.on_attempt) x.retry.on_attempt(info);
  if (!x.state->options.log) return;
  std::string line = "http: " + x.where + " attempt " + std::to_string(info.attempt) + ": ";
  line += info.error ? info.error.message() : "status " + std::to_string(info.status);
  if (info.will_retry) line += "; retrying in " + std::to_string(info.delay.count()) + " ms (" + info.reason + ")";
  x.state->log(x.redact(line));
}

asio::awaitable<Result> run_request(std::shared_ptr<Exchange> exchange) {
  Exchange& x = *exchange;
  Result result;
  if (!x.url) {
    result.error = Error(Errc::invalid_url, "invalid URL '" + redact_url(x.request.url) +
                                                "': expected http://host[:port]/path or https://...");
    co_return result;
  }
  if (std::string problem = request_problem(x.request); !problem.empty()) {
    result.error = Error(Errc::invalid_request, "cannot send " + x.where + ": " + problem);
    co_return result;
  }
  if (x.state->options.log) x.state->log("http: sending " + debug_dump(x.request));
  for (int attempt = 1;; ++attempt) {
    result.attempts = attempt;
    if (x.cancellation && x.cancellation->cancelled()) x.control->cancelled = Errc::cancelled;
    AttemptOutcome outcome = co_await run_attempt(x);
    AttemptInfo info;
    info.attempt = attempt;
    info.status = outcome.error ? 0 : outcome.response.status;
    info.error = outcome.error;
    RetryDecision decision;
    if (x.control->cancelled) {
      decision.reason = "cancelled";
    } else if (x.body_delivered) {
      decision.reason = "not retried: part of the body was already delivered";
    } else {
      decision = classify_attempt(x.retry, x.request, outcome.error, outcome.error ? nullptr : &outcome.response);
    }
    info.reason = decision.reason;
    info.will_retry = decision.retry && attempt < x.retry.max_attempts;
    if (decision.retry && attempt >= x.retry.max_attempts) {
      info.reason += "; no attempts left (" + std::to_string(x.retry.max_attempts) + ")";
    }
    if (info.will_retry && decision.server_delay && *decision.server_delay > x.retry.max_retry_after) {
      info.will_retry = false;
      info.reason += "; the server asked to wait " + std::to_string(decision.server_delay->count()) +
                     " ms, longer than max_retry_after";
    }
    if (info.will_retry) {
      double random01 = std::uniform_real_distribution<double>(0.0, 1.0)(x.state->random);
      info.delay = backoff_delay(x.retry, attempt + 1, decision.server_delay, random01);
    }
    report_attempt(x, info);
    if (!info.will_retry) {
      result.error = std::move(outcome.error);
      result.response = std::move(outcome.response);
      co_return result;
    }
    if (!co_await sleep_between_attempts(x, info.delay)) {
      result.error = Error(Errc::cancelled, "request " + x.where + " cancelled while waiting to retry");
      co_return result;
    }
  }
}

}  // namespace
}  // namespace detail

Client::Client(asio::any_io_executor executor, ClientOptions options)
    : executor_(executor), state_(std::make_shared<detail::ClientState>(std::move(executor), std::move(options))) {}

Client::~Client() = default;

void Client::start(Request request, BodyHandler on_body, RequestOptions options, detail::ResultCallback done) {
  auto exchange = std::make_shared<detail::Exchange>(state_, std::move(request), std::move(on_body), options);
  asio::post(state_->strand, [exchange, done = std::move(done)]() mutable {
    std::uint64_t subscription = 0;
    if (exchange->cancellation) {
      std::weak_ptr<detail::RequestControl> weak = exchange->control;
      auto strand = exchange->state->strand;
      subscription = exchange->cancellation->subscribe([weak, strand] {
        asio::post(strand, [weak] {
          if (auto control = weak.lock()) control->abort(Errc::cancelled);
        });
      });
    }
    asio::co_spawn(exchange->state->strand, detail::run_request(exchange),
                   [exchange, subscription, done = std::move(done)](std::exception_ptr failure, Result result) mutable {
                     if (exchange->cancellation) exchange->cancellation->unsubscribe(subscription);
                     if (failure) {
                       std::string what = "unknown exception";
                       try {
                         std::rethrow_exception(failure);
                       } catch (const std::exception& e) {
                         what = e.what();
                       } catch (...) {
                       }
                       result = Result{};
                       result.error = Error(Errc::cancelled, exchange->redact("request " + exchange->where +
                                                                              " aborted by an exception: " + what));
                     }
                     done(std::move(result));
                   });
  });
}

void Client::close_idle_connections() {
  auto state = state_;
  asio::post(state->strand, [state] { state->pool.close_idle(); });
}

ClientStats Client::stats() const {
  ClientStats stats;
  stats.connections_opened = state_->connections_opened;
  stats.connections_reused = state_->pool.reused;
  stats.stale_connections_discarded = state_->pool.stale_discarded;
  stats.idle_connections = state_->pool.idle_count;
  return stats;
}

SyncClient::SyncClient(ClientOptions options) : client_(io_.get_executor(), std::move(options)) {}

SyncClient::~SyncClient() {
  client_.close_idle_connections();
  io_.restart();
  io_.run();
}

Result SyncClient::send(Request request, RequestOptions options) {
  return run([&](detail::ResultCallback done) {
    client_.async_send(std::move(request), std::move(options), std::move(done));
  });
}

Result SyncClient::stream(Request request, BodyHandler on_body, RequestOptions options) {
  return run([&](detail::ResultCallback done) {
    client_.async_stream(std::move(request), std::move(on_body), std::move(options), std::move(done));
  });
}

ClientStats SyncClient::stats() { return client_.stats(); }

Result SyncClient::run(std::function<void(detail::ResultCallback)> start) {
  std::optional<Result> out;
  start(detail::ResultCallback([&out](Result result) { out = std::move(result); }));
  io_.restart();
  while (!out && io_.run_one() > 0) {
  }
  if (!out) return Result{Error(Errc::cancelled, "the request ended without a result"), {}, 0};
  return std::move(*out);
}

}  // namespace instructor::http
