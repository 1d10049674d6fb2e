// Timeouts (connect, idle, whole request) and cancellation over real sockets.
#include <utility>  // first: Boost 1.74's awaitable.hpp needs std::exchange with GCC 12

#include <boost/asio/ip/tcp.hpp>
#include <thread>
#include <vector>

#include "transport_harness.h"

using namespace instructor;
using namespace instructor::testing;
using http::Errc;

namespace {

bool contains(const std::string& haystack, std::string_view needle) { return haystack.find(needle) != std::string::npos; }

}  // namespace

TEST_CASE("a TCP connect that never completes is a connect timeout") {
  // A listener whose accept queue is full and never drained: Linux drops
  // further SYNs, so a new connect hangs (all on 127.0.0.1).
  boost::asio::io_context full_io;
  boost::asio::ip::tcp::acceptor acceptor(full_io);
  boost::asio::ip::tcp::endpoint endpoint(boost::asio::ip::make_address("127.0.0.1"), 0);
  acceptor.open(endpoint.protocol());
  acceptor.bind(endpoint);
  acceptor.listen(0);
  endpoint = acceptor.local_endpoint();
  std::vector<boost::asio::ip::tcp::socket> fillers;
  for (int i = 0; i < 4; ++i) {
    fillers.emplace_back(full_io);
    // Started, never run: Asio issues the non-blocking connect() at once.
    fillers.back().async_connect(endpoint, [](const boost::system::error_code&) {});
  }
  auto options = test_options();
  options.timeouts.connect = 200ms;
  Harness h(options);
  auto start = std::chrono::steady_clock::now();
  auto result = h.send(get("http://127.0.0.1:" + std::to_string(endpoint.port()) + "/"));
  auto elapsed = std::chrono::steady_clock::now() - start;
  CHECK(result.error == Errc::connect_timeout);
  CHECK(contains(result.error.message(), "(connecting)"));
  CHECK(elapsed >= 190ms);
  CHECK(elapsed < 5s);
}

TEST_CASE("a TLS handshake that never completes is a connect timeout") {
  // A TCP listener that accepts and then says nothing.
  boost::asio::io_context silent_io;
  boost::asio::ip::tcp::acceptor acceptor(silent_io, {boost::asio::ip::make_address("127.0.0.1"), 0});
  auto port = acceptor.local_endpoint().port();
  auto options = test_options();
  options.timeouts.connect = 200ms;
  Harness h(options);
  auto start = std::chrono::steady_clock::now();
  auto result = h.send(get("https://127.0.0.1:" + std::to_string(port) + "/"));
  auto elapsed = std::chrono::steady_clock::now() - start;
  CHECK(result.error == Errc::connect_timeout);
  CHECK(contains(result.error.message(), "200 ms"));
  CHECK(elapsed >= 190ms);
  CHECK(elapsed < 5s);
}

TEST_CASE("no byte for longer than the idle timeout is an idle timeout, before or inside the body") {
  FakeProviderServer server;
  ScriptedResponse slow_headers = ScriptedResponse::json(200, "{}");
  slow_headers.delay_before_headers = 1500ms;
  server.push(slow_headers);
  ScriptedResponse stall = ScriptedResponse::trickle("data: 1\n\n", "text/event-stream", 100, 0ms);
  stall.pieces.push_back({"data: 2\n\n", 1500ms});
  server.push(stall);
  auto options = test_options();
  options.timeouts.idle = 200ms;
  Harness h(options);
  auto headers = h.send(get(server.url()));
  CHECK(headers.error == Errc::idle_timeout);
  CHECK(contains(headers.error.message(), "waiting for the response headers"));
  std::string got;
  auto body = h.stream(get(server.url()), [&](std::string_view b) { got += b; });
  CHECK(body.error == Errc::idle_timeout);
  CHECK(contains(body.error.message(), "reading the response body"));
  CHECK(got == "data: 1\n\n");
}

TEST_CASE("a slow trickle that keeps the connection busy still hits the request timeout") {
  FakeProviderServer server;
  server.push(ScriptedResponse::trickle(std::string(40, 'x'), "text/plain", 1, 50ms));
  auto options = test_options();
  options.timeouts.idle = 1s;
  options.timeouts.request = 300ms;
  Harness h(options);
  auto start = std::chrono::steady_clock::now();
  auto result = h.send(get(server.url()));
  CHECK(result.error == Errc::request_timeout);
  CHECK(contains(result.error.message(), "timed out after 300 ms"));
  CHECK(std::chrono::steady_clock::now() - start < 1500ms);
}

TEST_CASE("cancelling a streaming request in flight ends it with cancelled and closes its connection") {
  FakeProviderServer server;
  ScriptedResponse endless = ScriptedResponse::trickle("data: first\n\n", "text/event-stream", 100, 0ms);
  for (int i = 0; i < 50; ++i) endless.pieces.push_back({"data: more\n\n", 100ms});
  server.push(endless);
  server.push(ScriptedResponse::json(200, "after"));
  Harness h;
  http::Cancellation cancel;
  http::RequestOptions options;
  options.cancellation = cancel;
  auto start = std::chrono::steady_clock::now();
  auto result = h.stream(get(server.url()), [&](std::string_view) { cancel.cancel(); }, options);
  CHECK(result.error == Errc::cancelled);
  CHECK(std::chrono::steady_clock::now() - start < 2s);
  // The cancelled connection is not reused: the next request opens a new one.
  auto next = h.send(get(server.url()));
  REQUIRE(next.has_response());
  CHECK(next.response.body == "after");
  CHECK(server.connections_accepted() == 2);
}

TEST_CASE("cancelling from another thread while waiting for headers, and before starting, both end cleanly") {
  FakeProviderServer server;
  ScriptedResponse slow = ScriptedResponse::json(200, "{}");
  slow.delay_before_headers = 3s;
  server.push(slow);
  Harness h;
  http::Cancellation cancel;
  http::RequestOptions options;
  options.cancellation = cancel;
  std::jthread canceller([&] {  // joined on every path, a failing REQUIRE included
    server.wait_for_requests(1, 5s);
    std::this_thread::sleep_for(100ms);  // the client is now waiting for the headers
    cancel.cancel();
  });
  auto result = h.send(get(server.url()), options);
  canceller.join();
  CHECK(result.error == Errc::cancelled);
  CHECK(contains(result.error.message(), "waiting for the response headers"));
  auto again = h.send(get(server.url()), options);  // already cancelled
  CHECK(again.error == Errc::cancelled);
  CHECK(server.requests().size() == 1);
}
