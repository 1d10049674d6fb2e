// The client over plain TCP on 127.0.0.1: requests, responses, caps, errors,
// completion tokens, timeouts and cancellation.
#include <utility>  // first: Boost 1.74's awaitable.hpp needs std::exchange with GCC 12

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/use_future.hpp>
#include <zlib.h>

#include "fixture_paths.h"
#include "transport_harness.h"

using namespace instructor;
using namespace instructor::testing;
using http::Errc;

namespace {

// A port on 127.0.0.1 that nothing listens on.
std::uint16_t closed_port() {
  boost::asio::io_context io;
  boost::asio::ip::tcp::acceptor acceptor(io, {boost::asio::ip::make_address("127.0.0.1"), 0});
  return acceptor.local_endpoint().port();
}

bool contains(const std::string& haystack, std::string_view needle) { return haystack.find(needle) != std::string::npos; }

// `parts` as one gzip member, each part flushed (Z_SYNC_FLUSH) so that it
// decodes before the next part arrives; the last part ends the member.
std::vector<std::string> gzip_flushed(const std::vector<std::string>& parts) {
  z_stream z{};
  REQUIRE(deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) == Z_OK);
  std::vector<std::string> out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    std::string packed(deflateBound(&z, parts[i].size()) + 64, '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(parts[i].data()));
    z.avail_in = static_cast<uInt>(parts[i].size());
    z.next_out = reinterpret_cast<Bytef*>(packed.data());
    z.avail_out = static_cast<uInt>(packed.size());
    const bool last = i + 1 == parts.size();
    REQUIRE(deflate(&z, last ? Z_FINISH : Z_SYNC_FLUSH) == (last ? Z_STREAM_END : Z_OK));
    packed.resize(packed.size() - z.avail_out);
    out.push_back(std::move(packed));
  }
  deflateEnd(&z);
  return out;
}

// One gzip member holding `text`.
std::string gzip(const std::string& text) { return gzip_flushed({text})[0]; }

}  // namespace

TEST_CASE("a GET returns the status, headers and body the server sent") {
  FakeProviderServer server;
  auto scripted = ScriptedResponse::json(200, R"({"ok":true})");
  scripted.headers.push_back({"x-request-id", "req_123"});
  server.push(scripted);
  Harness h;
  auto result = h.send(get(server.url("/v1/models?limit=2")));
  REQUIRE(result.has_response());
  CHECK(result.attempts == 1);
  CHECK(result.response.status == 200);
  CHECK(result.response.reason == "OK");
  CHECK(result.response.body == R"({"ok":true})");
  CHECK(result.response.header("X-Request-Id") == "req_123");
  auto requests = server.requests();
  REQUIRE(requests.size() == 1);
  CHECK(requests[0].method == "GET");
  CHECK(requests[0].target == "/v1/models?limit=2");
  CHECK(requests[0].header("host") == "127.0.0.1:" + std::to_string(server.port()));
  CHECK(requests[0].header("user-agent") == "instructor-cpp");
}

TEST_CASE("a POST sends its headers and body, with Content-Length") {
  FakeProviderServer server;
  server.push(ScriptedResponse::json(201, "{}"));
  Harness h;
  auto request = post(server.url("/v1/chat/completions"), R"({"model":"m","messages":[]})");
  request.headers.push_back({"OpenAI-Project", "proj_1"});
  auto result = h.send(request);
  REQUIRE(result.has_response());
  CHECK(result.response.status == 201);
  auto requests = server.requests();
  REQUIRE(requests.size() == 1);
  CHECK(requests[0].method == "POST");
  CHECK(requests[0].body == R"({"model":"m","messages":[]})");
  CHECK(requests[0].header("content-length") == "27");
  CHECK(requests[0].header("openai-project") == "proj_1");
  CHECK(requests[0].header("content-type") == "application/json");
}

TEST_CASE("interim 100 and 103 responses are skipped: the final response is returned") {
  FakeProviderServer server;
  auto answer = ScriptedResponse::json(200, "final");
  answer.raw_prefix = "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </x>\r\n\r\n";
  server.push(answer);
  server.push(ScriptedResponse::json(200, "next"));
  Harness h;
  auto result = h.send(post(server.url(), "{}"));
  REQUIRE(result.has_response());
  CHECK(result.response.status == 200);
  CHECK(result.response.body == "final");
  CHECK(h.send(get(server.url())).response.body == "next");  // the connection is still in sync
  CHECK(server.connections_accepted() == 1);
}

TEST_CASE("a chunked body is reassembled, and a body delimited by close is read to the end") {
  FakeProviderServer server;
  std::string body(50'000, 'x');
  for (std::size_t i = 0; i < body.size(); i += 7) body[i] = static_cast<char>('a' + i % 26);
  server.push(ScriptedResponse::trickle(body, "application/json", 999, 0ms));
  auto until_close = ScriptedResponse::trickle(body, "application/json", 4096, 0ms);
  until_close.framing = ScriptedResponse::Framing::until_close;
  server.push(until_close);
  Harness h;
  auto chunked = h.send(get(server.url()));
  REQUIRE(chunked.has_response());
  CHECK(chunked.response.header("transfer-encoding") == "chunked");
  CHECK(chunked.response.body == body);
  auto closed = h.send(get(server.url()));
  REQUIRE(closed.has_response());
  CHECK(closed.response.body == body);
}

TEST_CASE("a body larger than the cap fails with body_too_large, buffered or streamed") {
  FakeProviderServer server;
  server.push(ScriptedResponse::json(200, std::string(10'000, 'a')));
  server.push(ScriptedResponse::trickle(std::string(10'000, 'b'), "text/event-stream", 1000, 0ms));
  Harness h;
  http::RequestOptions options;
  options.max_body_bytes = 4096;
  auto whole = h.send(get(server.url()), options);
  CHECK(whole.error == Errc::body_too_large);
  CHECK(contains(whole.error.message(), "larger than the cap of 4096 bytes"));
  std::size_t streamed = 0;
  auto stream = h.stream(get(server.url()), [&](std::string_view bytes) { streamed += bytes.size(); }, options);
  CHECK(stream.error == Errc::body_too_large);
  CHECK(streamed <= 4096);
}

TEST_CASE("an HTML error page from a proxy comes back as a response, not a crash") {
  FakeProviderServer server;
  server.push(ScriptedResponse::html_error(502));
  Harness h;
  auto result = h.send(post(server.url("/v1/messages"), "{}"));
  REQUIRE(result.has_response());
  CHECK(result.response.status == 502);
  CHECK(contains(result.response.body, "<html>"));
  CHECK(result.response.header("content-type") == "text/html");
}

TEST_CASE("a response in an encoding other than gzip is refused clearly, and Accept-Encoding is opt-in") {
  FakeProviderServer server;
  auto br = ScriptedResponse::json(200, "\x0b\x02\x80{}\x03");
  br.headers.push_back({"Content-Encoding", "br"});
  server.push(br);
  Harness h;
  auto result = h.send(get(server.url()));
  CHECK(result.error == Errc::protocol_error);
  CHECK(contains(result.error.message(), "encoded with 'br'"));
  REQUIRE(server.requests().size() == 1);
  CHECK_FALSE(server.requests()[0].header("accept-encoding").has_value());
}

TEST_CASE("a gzip body is decoded, whole or in pieces, when the client accepts gzip") {
  FakeProviderServer server;
  std::string body = read_file(repo_fixtures_dir() / "openai/chat_json_schema.exchange.json");
  server.push([&] {
    auto r = ScriptedResponse::json(200, gzip(body));
    r.headers.push_back({"Content-Encoding", "gzip"});
    return r;
  }());
  auto pieces = ScriptedResponse::trickle(gzip(body) + gzip("[second member]"), "application/json", 7, 0ms);
  pieces.headers.push_back({"Content-Encoding", "gzip"});
  server.push(pieces);
  auto options = test_options();
  options.accept_gzip = true;
  Harness h(options);
  auto whole = h.send(get(server.url()));
  REQUIRE_MESSAGE(whole.has_response(), whole.error.message());
  CHECK(whole.response.body == body);
  auto chunked = h.send(get(server.url()));
  REQUIRE_MESSAGE(chunked.has_response(), chunked.error.message());
  CHECK(chunked.response.body == body + "[second member]");
  CHECK(server.requests()[0].header("accept-encoding") == "gzip");
}

TEST_CASE("a gzip event stream is decoded as it arrives") {
  FakeProviderServer server;
  std::string stream = read_file(repo_fixtures_dir() / "openai/chat_stream_tool_calls.sse");
  std::string first_event = stream.substr(0, stream.find("\n\n") + 2);
  std::vector<std::string> packed = gzip_flushed({first_event, stream.substr(first_event.size())});
  // The first event, then nothing for 10 s: only a decoder that hands over
  // what arrived lets the handler see the event before the rest comes.
  auto stalled = ScriptedResponse::sse("", 1);
  stalled.pieces = {{packed[0], 0ms}, {packed[1], 10s}};
  stalled.headers.push_back({"Content-Encoding", "gzip"});
  server.push(stalled);
  auto whole = ScriptedResponse::sse(packed[0] + packed[1], 5);
  whole.headers.push_back({"Content-Encoding", "gzip"});
  server.push(whole);
  Harness h;

  http::Cancellation cancel;
  http::RequestOptions options;
  options.cancellation = cancel;
  std::string got;
  auto start = std::chrono::steady_clock::now();
  auto early = h.stream(post(server.url(), "{}"), [&](std::string_view bytes) {
    got += bytes;
    if (got.size() >= first_event.size()) cancel.cancel();
  }, options);
  CHECK(early.error == Errc::cancelled);
  CHECK(got == first_event);
  CHECK(std::chrono::steady_clock::now() - start < 5s);

  got.clear();
  auto result = h.stream(post(server.url(), "{}"), [&](std::string_view bytes) { got += bytes; });
  REQUIRE_MESSAGE(result.has_response(), result.error.message());
  CHECK(got == stream);
}

TEST_CASE("corrupt or truncated gzip is a protocol error, and a gzip bomb stops at the body cap") {
  FakeProviderServer server;
  std::string packed = gzip(std::string(2000, 'q'));
  auto corrupt = ScriptedResponse::json(200, packed.substr(0, 12) + std::string(20, '\x7f') + packed.substr(32));
  corrupt.headers.push_back({"Content-Encoding", "gzip"});
  server.push(corrupt);
  auto truncated = ScriptedResponse::json(200, packed.substr(0, packed.size() - 6));
  truncated.headers.push_back({"Content-Encoding", "gzip"});
  server.push(truncated);
  std::string bomb = gzip(std::string(20u << 20, '\0'));
  CHECK(bomb.size() < 100'000);
  auto bombed = ScriptedResponse::json(200, bomb);
  bombed.headers.push_back({"Content-Encoding", "gzip"});
  server.push(bombed);
  Harness h;
  auto bad = h.send(get(server.url()));
  CHECK(bad.error == Errc::protocol_error);
  CHECK(contains(bad.error.message(), "gzip"));
  auto cut = h.send(get(server.url()));
  CHECK(cut.error == Errc::protocol_error);
  CHECK(contains(cut.error.message(), "ended before its gzip stream did"));
  http::RequestOptions capped;
  capped.max_body_bytes = 1u << 20;
  auto exploded = h.send(get(server.url()), capped);
  CHECK(exploded.error == Errc::body_too_large);
}

TEST_CASE("invalid URLs and refused connections give clear errors") {
  Harness h;
  auto bad = h.send(get("ftp://example.com/file"));
  CHECK(bad.error == Errc::invalid_url);
  CHECK(contains(bad.error.message(), "ftp://example.com/file"));
  auto refused = h.send(get("http://127.0.0.1:" + std::to_string(closed_port()) + "/"));
  CHECK(refused.error == Errc::connect_failed);
  CHECK(contains(refused.error.message(), "cannot connect"));
}

TEST_CASE("a header value with CR or LF, or a bad method, is refused before anything is sent") {
  FakeProviderServer server;
  Harness h;
  auto smuggling = get(server.url());
  smuggling.headers.push_back({"X-Note", "a\r\nX-Injected: 1"});
  auto result = h.send(smuggling);
  CHECK(result.error == Errc::invalid_request);
  CHECK(contains(result.error.message(), "'X-Note' contains CR, LF or NUL"));
  auto bad_method = get(server.url());
  bad_method.method = "GET /evil";
  CHECK(h.send(bad_method).error == Errc::invalid_request);
  auto secret = get(server.url());
  secret.headers.push_back({"Authorization", "Bearer sk-LEAKME\n"});
  auto secret_result = h.send(secret);
  CHECK(secret_result.error == Errc::invalid_request);
  CHECK_FALSE(contains(secret_result.error.message(), "sk-LEAKME"));
  CHECK(server.connections_accepted() == 0);
}

TEST_CASE("completion tokens: callback, use_future and use_awaitable all work") {
  FakeProviderServer server;
  server.set_handler([](const RecordedRequest& r) { return ScriptedResponse::json(200, r.target); });
  boost::asio::io_context io;
  http::Client client(io.get_executor(), test_options());

  std::optional<http::Result> by_callback;
  client.async_send(get(server.url("/callback")), [&](http::Result r) { by_callback = std::move(r); });

  std::optional<http::Result> by_coroutine;
  boost::asio::co_spawn(
      io,
      [&]() -> boost::asio::awaitable<void> {
        by_coroutine = co_await client.async_send(get(server.url("/coroutine")), boost::asio::use_awaitable);
      },
      boost::asio::detached);

  std::future<http::Result> future = client.async_send(get(server.url("/future")), boost::asio::use_future);
  IoThreads runner(io, 1, 20s);
  REQUIRE(future.wait_for(20s) == std::future_status::ready);
  http::Result by_future = future.get();
  runner.finish();  // all three requests are done
  REQUIRE(by_callback);
  REQUIRE(by_coroutine);
  CHECK(by_callback->response.body == "/callback");
  CHECK(by_coroutine->response.body == "/coroutine");
  CHECK(by_future.response.body == "/future");
}

TEST_CASE("the sync client streams a body to its handler and reports the head first") {
  FakeProviderServer server;
  std::string events = "event: a\ndata: 1\n\nevent: b\ndata: 2\n\n";
  server.push(ScriptedResponse::sse(events, 3, 1ms));
  http::SyncClient client(test_options());
  std::string got;
  int status_seen = 0;
  http::RequestOptions options;
  options.on_response_head = [&](const http::Response& head) { status_seen = head.status; };
  auto result = client.stream(post(server.url(), "{}"), [&](std::string_view bytes) {
    CHECK(status_seen == 200);
    got += bytes;
  }, options);
  REQUIRE(result.has_response());
  CHECK(got == events);
  CHECK(result.response.body.empty());
}

TEST_CASE("the sync client sends requests and keeps its connection between calls") {
  FakeProviderServer server;
  server.set_handler([](const RecordedRequest& r) { return ScriptedResponse::json(200, r.body); });
  http::SyncClient client(test_options());
  for (int i = 0; i < 3; ++i) {
    auto result = client.send(post(server.url(), "n" + std::to_string(i)));
    REQUIRE(result.has_response());
    CHECK(result.response.body == "n" + std::to_string(i));
  }
  CHECK(server.connections_accepted() == 1);
  CHECK(client.stats().connections_reused == 2);
}

TEST_CASE("a connection closed in the middle of a body is a clear connection_closed error") {
  FakeProviderServer server;
  ScriptedResponse cut = ScriptedResponse::trickle(std::string(3000, 'z'), "application/json", 1000, 0ms);
  cut.close_mid_body = true;
  server.push(cut);
  ScriptedResponse cut_length = cut;
  cut_length.framing = ScriptedResponse::Framing::content_length;
  server.push(cut_length);
  Harness h;
  for (int i = 0; i < 2; ++i) {
    auto result = h.send(get(server.url()));
    CHECK(result.error == Errc::connection_closed);
    CHECK(contains(result.error.message(), "after 3000 body bytes"));
  }
}

TEST_CASE("an error for a request with API keys never contains the keys, nor do the logs") {
  FakeProviderServer server;
  ScriptedResponse drop;
  drop.close_before_response = true;
  server.push(drop);
  auto options = test_options();
  std::vector<std::string> log;
  options.log = [&](std::string_view line) { log.emplace_back(line); };
  Harness h(options);
  auto request = post(server.url("/v1beta/models/g:generateContent?alt=sse&key=AIzaQUERYSECRET"), "{}");
  request.headers.push_back({"Authorization", "Bearer sk-proj-HEADERSECRET"});
  request.headers.push_back({"x-api-key", "sk-ant-XAPISECRET"});
  request.headers.push_back({"x-goog-api-key", "GOOGSECRET"});
  auto result = h.send(request);
  REQUIRE(result.error);
  CHECK(result.error == Errc::connection_closed);
  // The server did get the keys (they are sent), but nothing we report shows them.
  REQUIRE(server.requests().size() == 1);
  CHECK(server.requests()[0].header("authorization") == "Bearer sk-proj-HEADERSECRET");
  std::string everything = result.error.message();
  for (const auto& line : log) everything += "\n" + line;
  CHECK(!log.empty());
  for (const char* secret : {"AIzaQUERYSECRET", "HEADERSECRET", "XAPISECRET", "GOOGSECRET"}) {
    CHECK_MESSAGE(!contains(everything, secret), everything);
  }
  CHECK(contains(result.error.message(), "key=[REDACTED]"));
  CHECK(contains(log.front(), "Authorization: [REDACTED]"));  // the debug dump of the request
  CHECK(contains(log.front(), "Content-Type: application/json"));
}
