// The keep-alive pool (reuse, cap, expiry, stale connections) and the
// transport retry policy over real sockets.
#include <utility>  // first: Boost 1.74's awaitable.hpp needs std::exchange with GCC 12

#include <atomic>
#include <boost/asio/use_future.hpp>
#include <future>

#include "transport_harness.h"

using namespace instructor;
using namespace instructor::testing;
using http::Errc;

namespace {

bool contains(const std::string& haystack, std::string_view needle) { return haystack.find(needle) != std::string::npos; }

http::ClientOptions with_retries(int attempts) {
  auto options = test_options();
  options.retry.max_attempts = attempts;
  return options;
}

}  // namespace

TEST_CASE("N sequential requests to one host share one kept-alive connection") {
  FakeProviderServer server;
  server.set_handler([](const RecordedRequest&) { return ScriptedResponse::json(200, "{}"); });
  Harness h;
  for (int i = 0; i < 10; ++i) REQUIRE(h.send(post(server.url("/v1/x"), "{}")).has_response());
  CHECK(server.connections_accepted() == 1);
  auto stats = h.client.stats();
  CHECK(stats.connections_opened == 1);
  CHECK(stats.connections_reused == 9);
  CHECK(stats.idle_connections == 1);
  for (const auto& r : server.requests()) CHECK(r.connection == 1);
}

TEST_CASE("a client on an io_context run by several threads serves concurrent requests") {
  FakeProviderServer server;
  server.set_handler([](const RecordedRequest& r) { return ScriptedResponse::json(200, r.body); });
  boost::asio::io_context io;
  IoThreads threads(io, 3);
  std::atomic<int> ok{0};
  {
    auto options = test_options();
    options.pool.max_connections_per_host = 4;
    http::Client client(io.get_executor(), options);
    std::vector<std::future<http::Result>> futures;
    for (int i = 0; i < 64; ++i) {
      futures.push_back(client.async_send(post(server.url(), std::to_string(i)), boost::asio::use_future));
    }
    for (int i = 0; i < 64; ++i) {
      REQUIRE(futures[i].wait_for(20s) == std::future_status::ready);
      auto result = futures[i].get();
      if (result.has_response() && result.response.body == std::to_string(i)) ++ok;
    }
    CHECK(client.stats().connections_opened <= 4);
  }
  threads.stop();
  CHECK(ok == 64);
  CHECK(server.connections_accepted() <= 4);
}

TEST_CASE("requests in flight complete even when the client object is destroyed first") {
  FakeProviderServer server;
  server.set_handler([](const RecordedRequest&) {
    auto r = ScriptedResponse::json(200, "late");
    r.delay_before_headers = 50ms;
    return r;
  });
  boost::asio::io_context io;
  int completed = 0;
  {
    http::Client client(io.get_executor(), test_options());
    for (int i = 0; i < 3; ++i) {
      client.async_send(get(server.url()), [&](http::Result r) {
        CHECK(r.has_response());
        CHECK(r.response.body == "late");
        ++completed;
      });
    }
  }
  io.run_for(10s);
  CHECK(completed == 3);
}

TEST_CASE("requests beyond the per-host cap wait for a free connection") {
  FakeProviderServer server;
  server.set_handler([](const RecordedRequest&) {
    auto r = ScriptedResponse::json(200, "{}");
    r.delay_before_headers = 50ms;
    return r;
  });
  auto options = test_options();
  options.pool.max_connections_per_host = 2;
  Harness h(options);
  int done = 0;
  for (int i = 0; i < 8; ++i) {
    h.client.async_send(get(server.url()), [&](http::Result r) {
      CHECK(r.has_response());
      ++done;
    });
  }
  REQUIRE(h.run_until([&] { return done == 8; }));
  CHECK(server.connections_accepted() == 2);
  CHECK(server.requests().size() == 8);
  CHECK(h.client.stats().connections_opened == 2);
}

TEST_CASE("requests waiting for a connection are served first come, first served") {
  FakeProviderServer server;
  server.set_handler([](const RecordedRequest&) {
    auto r = ScriptedResponse::json(200, "{}");
    r.delay_before_headers = 20ms;
    return r;
  });
  auto options = test_options();
  options.pool.max_connections_per_host = 1;
  Harness h(options);
  std::vector<int> finished;
  for (int i = 0; i < 6; ++i) {
    h.client.async_send(get(server.url("/" + std::to_string(i))), [&finished, i](http::Result r) {
      CHECK(r.has_response());
      finished.push_back(i);
    });
  }
  REQUIRE(h.run_until([&] { return finished.size() == 6; }));
  CHECK(finished == std::vector<int>{0, 1, 2, 3, 4, 5});
  auto requests = server.requests();
  REQUIRE(requests.size() == 6);
  for (int i = 0; i < 6; ++i) CHECK(requests[i].target == "/" + std::to_string(i));
  CHECK(server.connections_accepted() == 1);
}

TEST_CASE("a request waiting for a free connection still times out and can be cancelled") {
  FakeProviderServer server;
  auto slow = ScriptedResponse::json(200, "{}");
  slow.delay_before_headers = 800ms;
  server.push(slow);
  auto options = test_options();
  options.pool.max_connections_per_host = 1;
  Harness h(options);
  std::optional<http::Result> first, waiting_timeout, waiting_cancel;
  h.client.async_send(get(server.url()), [&](http::Result r) { first = std::move(r); });
  http::RequestOptions short_deadline;
  short_deadline.timeouts = options.timeouts;
  short_deadline.timeouts->request = 100ms;
  h.client.async_send(get(server.url()), short_deadline, [&](http::Result r) { waiting_timeout = std::move(r); });
  http::Cancellation cancel;
  http::RequestOptions cancellable;
  cancellable.cancellation = cancel;
  h.client.async_send(get(server.url()), cancellable, [&](http::Result r) { waiting_cancel = std::move(r); });
  REQUIRE(h.run_until([&] { return waiting_timeout.has_value(); }, 5s));
  cancel.cancel();
  REQUIRE(h.run_until([&] { return first && waiting_cancel; }, 5s));
  CHECK(first->has_response());
  CHECK(waiting_timeout->error == Errc::request_timeout);
  CHECK(waiting_cancel->error == Errc::cancelled);
  CHECK(server.requests().size() == 1);
}

TEST_CASE("an idle connection older than the idle expiry is closed, not reused") {
  FakeProviderServer server;
  server.set_handler([](const RecordedRequest&) { return ScriptedResponse::json(200, "{}"); });
  auto options = test_options();
  options.pool.idle_expiry = 50ms;
  Harness h(options);
  REQUIRE(h.send(get(server.url())).has_response());
  std::this_thread::sleep_for(120ms);
  REQUIRE(h.send(get(server.url())).has_response());
  CHECK(server.connections_accepted() == 2);
}

TEST_CASE("expired idle connections are closed when another connection of the host is released") {
  FakeProviderServer server;
  server.set_handler([](const RecordedRequest& r) {
    auto response = ScriptedResponse::json(200, "{}");
    if (r.target == "/slow") response.delay_before_headers = 300ms;
    return response;
  });
  auto options = test_options();
  options.pool.idle_expiry = 100ms;
  Harness h(options);
  int done = 0;
  for (int i = 0; i < 2; ++i) h.client.async_send(get(server.url("/slow")), [&](http::Result) { ++done; });
  REQUIRE(h.run_until([&] { return done == 2; }));
  CHECK(h.client.stats().idle_connections == 2);
  REQUIRE(h.send(get(server.url("/slow"))).has_response());  // uses one; the other idles past the expiry meanwhile
  CHECK(h.client.stats().idle_connections == 1);
  CHECK(server.connections_accepted() == 2);
}

TEST_CASE("a kept-alive connection the server closed is detected and replaced before sending") {
  FakeProviderServer server;
  auto closing = ScriptedResponse::json(200, "first");
  closing.close_after = true;  // closes without saying Connection: close
  server.push(closing);
  server.push(ScriptedResponse::json(200, "second"));
  Harness h;
  REQUIRE(h.send(post(server.url(), "{}")).has_response());
  std::this_thread::sleep_for(200ms);  // let the FIN arrive
  auto second = h.send(post(server.url(), "{}"));
  REQUIRE(second.has_response());
  CHECK(second.response.body == "second");
  CHECK(server.requests().size() == 2);  // nothing sent twice
  CHECK(server.connections_accepted() == 2);
  CHECK(h.client.stats().stale_connections_discarded == 1);
}

TEST_CASE("a POST the server dropped on a reused connection after reading it is not resent") {
  FakeProviderServer server;
  server.push(ScriptedResponse::json(200, "{}"));
  ScriptedResponse drop;
  drop.close_before_response = true;
  server.push(drop);
  server.push(ScriptedResponse::json(200, "must not be reached"));
  Harness h(with_retries(3));
  REQUIRE(h.send(post(server.url(), "{\"n\":1}")).has_response());
  auto result = h.send(post(server.url(), "{\"n\":2}"));
  CHECK(result.error == Errc::connection_closed);
  CHECK(result.error.request_sent());
  CHECK(contains(result.error.message(), "not resent because POST is not idempotent"));
  CHECK(result.attempts == 1);
  CHECK(server.requests().size() == 2);
}

TEST_CASE("a GET the server dropped on a reused connection is resent once on a new connection") {
  FakeProviderServer server;
  server.push(ScriptedResponse::json(200, "{}"));
  ScriptedResponse drop;
  drop.close_before_response = true;
  server.push(drop);
  server.push(ScriptedResponse::json(200, "fresh"));
  Harness h;  // no policy retries: this is the stale-connection retry
  REQUIRE(h.send(get(server.url())).has_response());
  auto result = h.send(get(server.url()));
  REQUIRE(result.has_response());
  CHECK(result.response.body == "fresh");
  CHECK(result.attempts == 1);
  CHECK(server.connections_accepted() == 2);
}

TEST_CASE("every retryable status is retried after the server's Retry-After") {
  for (int status : {408, 409, 429, 500, 502, 503, 504, 529}) {
    CAPTURE(status);
    FakeProviderServer server;
    auto busy = ScriptedResponse::json(status, R"({"error":{"message":"busy"}})");
    busy.headers.push_back({"retry-after-ms", "80"});
    server.push(busy);
    server.push(ScriptedResponse::json(200, "ok"));
    auto options = with_retries(3);
    options.retry.initial_delay = 1ms;
    std::vector<http::AttemptInfo> seen;
    options.retry.on_attempt = [&](const http::AttemptInfo& info) { seen.push_back(info); };
    Harness h(options);
    auto start = std::chrono::steady_clock::now();
    auto result = h.send(post(server.url(), "{}"));
    auto elapsed = std::chrono::steady_clock::now() - start;
    REQUIRE(result.has_response());
    CHECK(result.response.body == "ok");
    CHECK(result.attempts == 2);
    CHECK(elapsed >= 80ms);
    CHECK(server.requests().size() == 2);
    REQUIRE(seen.size() == 2);
    CHECK(seen[0].status == status);
    CHECK(seen[0].will_retry);
    CHECK(seen[0].delay == 80ms);
    CHECK_FALSE(seen[1].will_retry);
  }
}

TEST_CASE("retry-after in fractional seconds and as an HTTP date are honoured") {
  FakeProviderServer server;
  auto seconds = ScriptedResponse::json(429, "{}");
  seconds.headers.push_back({"Retry-After", "0.15"});
  server.push(seconds);
  server.push(ScriptedResponse::json(200, "ok"));
  Harness h(with_retries(2));
  auto start = std::chrono::steady_clock::now();
  REQUIRE(h.send(post(server.url(), "{}")).has_response());
  CHECK(std::chrono::steady_clock::now() - start >= 150ms);

  // An HTTP date one to two seconds ahead (the format has whole seconds).
  std::time_t target = std::time(nullptr) + 2;
  char date[64];
  std::strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S GMT", std::gmtime(&target));
  auto dated = ScriptedResponse::json(503, "{}");
  dated.headers.push_back({"Retry-After", date});
  server.push(dated);
  server.push(ScriptedResponse::json(200, "ok"));
  start = std::chrono::steady_clock::now();
  auto result = h.send(post(server.url(), "{}"));
  REQUIRE(result.succeeded());
  CHECK(result.attempts == 2);
  auto elapsed = std::chrono::steady_clock::now() - start;
  CHECK(elapsed >= 900ms);
  CHECK(elapsed < 3s);
}

TEST_CASE("non-retryable statuses, x-should-retry: false and insufficient_quota are not retried") {
  FakeProviderServer server;
  Harness h(with_retries(4));
  for (int status : {400, 401, 403, 404, 422}) {
    server.push(ScriptedResponse::json(status, "{}"));
    auto result = h.send(post(server.url(), "{}"));
    REQUIRE(result.has_response());
    CHECK(result.response.status == status);
    CHECK(result.attempts == 1);
  }
  auto no = ScriptedResponse::json(503, "{}");
  no.headers.push_back({"x-should-retry", "false"});
  server.push(no);
  CHECK(h.send(post(server.url(), "{}")).attempts == 1);
  server.push(ScriptedResponse::json(429, R"({"error":{"type":"insufficient_quota","code":"insufficient_quota"}})"));
  CHECK(h.send(post(server.url(), "{}")).attempts == 1);
  CHECK(server.requests().size() == 7);
}

TEST_CASE("x-should-retry: true makes any status retryable, and attempts are capped") {
  FakeProviderServer server;
  auto yes = ScriptedResponse::json(400, "{}");
  yes.headers.push_back({"x-should-retry", "true"});
  server.push(yes);
  server.push(ScriptedResponse::json(200, "ok"));
  Harness h(with_retries(3));
  auto result = h.send(post(server.url(), "{}"));
  REQUIRE(result.succeeded());
  CHECK(result.attempts == 2);

  server.set_handler([](const RecordedRequest&) { return ScriptedResponse::json(503, "still down"); });
  auto exhausted = h.send(post(server.url(), "{}"));
  REQUIRE(exhausted.has_response());  // the last response is returned as is
  CHECK_FALSE(exhausted.succeeded());  // a 503 after every retry is no success
  CHECK(exhausted.response.status == 503);
  CHECK(exhausted.attempts == 3);
  CHECK(server.requests().size() == 5);
}

TEST_CASE("without Retry-After the backoff grows from the initial delay") {
  FakeProviderServer server;
  server.push(ScriptedResponse::json(500, "{}"));
  server.push(ScriptedResponse::json(500, "{}"));
  server.push(ScriptedResponse::json(200, "ok"));
  auto options = with_retries(3);
  options.retry.initial_delay = 60ms;
  options.retry.max_delay = 1s;
  options.retry.jitter = 0;
  std::vector<http::Milliseconds> delays;
  options.retry.on_attempt = [&](const http::AttemptInfo& i) { delays.push_back(i.delay); };
  Harness h(options);
  auto start = std::chrono::steady_clock::now();
  REQUIRE(h.send(post(server.url(), "{}")).has_response());
  CHECK(std::chrono::steady_clock::now() - start >= 180ms);
  REQUIRE(delays.size() == 3);
  CHECK(delays[0] == 60ms);
  CHECK(delays[1] == 120ms);
}

TEST_CASE("a Retry-After longer than max_retry_after is not waited for") {
  FakeProviderServer server;
  auto later = ScriptedResponse::json(429, "{}");
  later.headers.push_back({"retry-after", "3600"});
  server.push(later);
  auto options = with_retries(3);
  options.retry.max_retry_after = 1000ms;
  Harness h(options);
  auto result = h.send(post(server.url(), "{}"));
  CHECK(result.response.status == 429);
  CHECK(result.attempts == 1);
}

TEST_CASE("a connection error before the request was sent is retried, and cancelling a backoff wait stops it") {
  FakeProviderServer server;
  ScriptedResponse drop;
  drop.close_before_response = true;
  server.push(drop);
  server.push(ScriptedResponse::json(200, "ok"));
  Harness h(with_retries(2));
  auto result = h.send(get(server.url()));  // GET: safe to resend after a fresh connection dropped it
  REQUIRE(result.has_response());
  CHECK(result.attempts == 2);

  server.push(ScriptedResponse::json(503, "{}"));
  auto options = test_options();
  options.retry.max_attempts = 3;
  options.retry.initial_delay = 5s;
  options.retry.jitter = 0;
  http::Cancellation cancel;
  options.retry.on_attempt = [&](const http::AttemptInfo&) { cancel.cancel(); };
  Harness waiting(options);
  http::RequestOptions ro;
  ro.cancellation = cancel;
  auto start = std::chrono::steady_clock::now();
  auto cancelled = waiting.send(get(server.url()), ro);
  CHECK(cancelled.error == Errc::cancelled);
  CHECK(std::chrono::steady_clock::now() - start < 2s);
}
