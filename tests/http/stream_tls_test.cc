// Streaming bodies (recorded streams replayed over the wire) and TLS.
#include "instructor/http/ndjson.h"
#include "instructor/http/sse.h"
#include "provider_fixtures.h"
#include "recording_checks.h"
#include "transport_harness.h"

using namespace instructor;
using namespace instructor::testing;
using http::Errc;

namespace {

bool contains(const std::string& haystack, std::string_view needle) { return haystack.find(needle) != std::string::npos; }

// Streams a request through an SseDecoder; returns the events and the result.
std::pair<std::vector<http::SseEvent>, http::Result> stream_events(Harness& h, http::Request request) {
  std::vector<http::SseEvent> events;
  http::SseDecoder decoder([&](const http::SseEvent& e) { events.push_back(e); });
  auto result = h.stream(std::move(request), [&](std::string_view bytes) { decoder.feed(bytes); });
  if (result.has_response()) decoder.finish();
  return {std::move(events), std::move(result)};
}

http::ClientOptions trusting(const TestPki& pki) {
  auto options = test_options();
  options.tls.use_system_store = false;
  options.tls.extra_ca_file = write_temp_file("ca.pem", pki.ca_certificate_pem);
  options.resolve_overrides = {};
  return options;
}

}  // namespace

TEST_CASE("every in-repo provider stream replayed over the wire in small pieces gives the same events") {
  CHECK(check_streams_over_the_wire(repo_fixtures_dir()) >= 12);
}

TEST_CASE("a stream cut off mid-way ends with connection_closed after the events that arrived") {
  FakeProviderServer server;
  std::string stream = read_file(repo_fixtures_dir() / "openai/chat_stream_tool_calls.sse");
  auto cut = ScriptedResponse::sse(stream.substr(0, stream.size() / 2), 50);
  cut.close_mid_body = true;
  server.push(cut);
  Harness h(
      [] {
        auto o = test_options();
        o.retry.max_attempts = 3;  // must not retry once bytes were delivered
        return o;
      }());
  auto [events, result] = stream_events(h, post(server.url(), "{}"));
  CHECK(result.error == Errc::connection_closed);
  CHECK(contains(result.error.message(), "reading the response body"));
  CHECK(!events.empty());
  CHECK(result.attempts == 1);
  CHECK(server.requests().size() == 1);
}

TEST_CASE("a non-2xx answer to a streaming request is buffered into the result, then retried") {
  FakeProviderServer server;
  auto limited = ScriptedResponse::json(429, read_file(repo_fixtures_dir() / "gemini/error_429_retry_info.json"));
  limited.headers.push_back({"retry-after-ms", "10"});
  server.push(limited);
  server.push(ScriptedResponse::sse("data: {\"ok\":1}\r\n\r\n", 4));
  auto options = test_options();
  options.retry.max_attempts = 2;
  Harness h(options);
  std::string streamed;
  auto result = h.stream(post(server.url(), "{}"), [&](std::string_view b) { streamed += b; });
  REQUIRE(result.has_response());
  CHECK(result.attempts == 2);
  CHECK(streamed == "data: {\"ok\":1}\r\n\r\n");

  server.push(ScriptedResponse::json(400, R"({"error":"bad"})"));
  streamed.clear();
  auto bad = h.stream(post(server.url(), "{}"), [&](std::string_view b) { streamed += b; });
  REQUIRE(bad.has_response());
  CHECK(bad.response.status == 400);
  CHECK(bad.response.body == R"({"error":"bad"})");
  CHECK(streamed.empty());
}

TEST_CASE("the response head is reported before the first body byte of every attempt") {
  FakeProviderServer server;
  auto busy = ScriptedResponse::json(503, "{}");
  busy.headers.push_back({"retry-after-ms", "1"});
  server.push(busy);
  auto stream = ScriptedResponse::sse("data: 1\n\ndata: 2\n\n", 9);
  stream.headers.push_back({"x-request-id", "req_stream"});
  server.push(stream);
  auto options = test_options();
  options.retry.max_attempts = 2;
  Harness h(options);
  std::vector<std::string> order;
  http::RequestOptions ro;
  ro.on_response_head = [&](const http::Response& head) {
    order.push_back("head " + std::to_string(head.status) + " " + std::string(head.header("x-request-id").value_or("-")));
  };
  auto result = h.stream(post(server.url(), "{}"), [&](std::string_view) {
    if (order.back() != "body") order.push_back("body");
  }, ro);
  REQUIRE(result.has_response());
  CHECK(order == std::vector<std::string>{"head 503 -", "head 200 req_stream", "body"});
}

TEST_CASE("an NDJSON stream over the wire yields one JSON text per line") {
  FakeProviderServer server;
  std::string body;
  for (int i = 0; i < 20; ++i) body += R"({"message":{"content":")" + std::to_string(i) + R"("},"done":false})" "\n";
  body += R"({"done":true})" "\n";
  server.push(ScriptedResponse::trickle(body, "application/x-ndjson", 13, 1ms));
  Harness h;
  std::vector<std::string> lines;
  http::NdjsonDecoder decoder([&](std::string_view line) { lines.emplace_back(line); });
  auto result = h.stream(post(server.url("/api/chat"), "{}"), [&](std::string_view b) { decoder.feed(b); });
  REQUIRE(result.has_response());
  decoder.finish();
  REQUIRE(lines.size() == 21);
  CHECK(lines[3] == R"({"message":{"content":"3"},"done":false})");
  CHECK(lines.back() == R"({"done":true})");
}

TEST_CASE("TLS with a certificate from the trusted test CA works, sends SNI and reuses the connection") {
  auto pki = make_test_pki({"fake.test"}, {"127.0.0.1"});
  FakeProviderServer server(FakeProviderServer::Options{pki.server});
  server.set_handler([](const RecordedRequest& r) { return ScriptedResponse::json(200, r.target); });
  auto options = trusting(pki);
  options.resolve_overrides["fake.test:" + std::to_string(server.port())] = "127.0.0.1";
  Harness h(options);
  for (int i = 0; i < 3; ++i) {
    auto result = h.send(get(server.url_for_host("fake.test", "/tls/" + std::to_string(i))));
    REQUIRE_MESSAGE(result.has_response(), result.error.message());
    CHECK(result.response.body == "/tls/" + std::to_string(i));
  }
  CHECK(server.connections_accepted() == 1);
  CHECK(server.server_names() == std::vector<std::string>{"fake.test"});
}

TEST_CASE("TLS to an IP address checks the certificate's IP subjectAltName and sends no SNI") {
  auto pki = make_test_pki({"fake.test"}, {"127.0.0.1"});
  FakeProviderServer server(FakeProviderServer::Options{pki.server});
  server.set_handler([](const RecordedRequest& r) { return ScriptedResponse::json(200, r.target); });
  Harness h(trusting(pki));
  auto by_ip = h.send(get(server.url("/ip")));
  REQUIRE_MESSAGE(by_ip.has_response(), by_ip.error.message());
  CHECK(by_ip.response.body == "/ip");
  CHECK(server.server_names() == std::vector<std::string>{""});  // the handshake carried no server name

  // A trusted certificate for the host name only, without the IP: refused by IP.
  auto names_only = make_test_pki({"fake.test"}, {});
  FakeProviderServer other(FakeProviderServer::Options{names_only.server});
  Harness strict(trusting(names_only));
  auto refused = strict.send(get(other.url("/ip")));
  CHECK(refused.error == Errc::host_name_mismatch);
  CHECK(contains(refused.error.message(), "not valid for this host name"));
  CHECK(other.requests().empty());
}

TEST_CASE("TLS trusts a CA given as PEM text, and streams over TLS") {
  auto pki = make_test_pki({"fake.test"}, {"127.0.0.1"});
  FakeProviderServer server(FakeProviderServer::Options{pki.server});
  server.push(ScriptedResponse::sse(read_file(repo_fixtures_dir() / "anthropic/messages_stream_tool_use.sse"), 33));
  auto options = test_options();
  options.tls.use_system_store = false;
  options.tls.extra_ca_pem = pki.ca_certificate_pem;
  Harness h(options);
  auto [events, result] = stream_events(h, post(server.url("/v1/messages"), "{}"));
  REQUIRE_MESSAGE(result.has_response(), result.error.message());
  REQUIRE(!events.empty());
  CHECK(events.back().type == "message_stop");
}

TEST_CASE("TLS fails clearly with a certificate from an untrusted CA") {
  auto trusted = make_test_pki({"fake.test"}, {"127.0.0.1"});
  auto other = make_test_pki({"fake.test"}, {"127.0.0.1"});
  FakeProviderServer server(FakeProviderServer::Options{other.server});
  Harness h(trusting(trusted));
  auto result = h.send(get(server.url()));
  CHECK(result.error == Errc::certificate_untrusted);
  CHECK(contains(result.error.message(), "not trusted"));
  CHECK(contains(result.error.message(), "127.0.0.1:" + std::to_string(server.port())));
  CHECK(server.requests().empty());
}

TEST_CASE("TLS fails clearly when the certificate is for another host name") {
  auto pki = make_test_pki({"fake.test"}, {"127.0.0.1"});
  FakeProviderServer server(FakeProviderServer::Options{pki.server});
  auto options = trusting(pki);
  options.resolve_overrides["wrong.test:" + std::to_string(server.port())] = "127.0.0.1";
  Harness h(options);
  auto result = h.send(get(server.url_for_host("wrong.test")));
  CHECK(result.error == Errc::host_name_mismatch);
  CHECK(contains(result.error.message(), "not valid for this host name"));
  CHECK(server.requests().empty());
}

TEST_CASE("TLS verification can be disabled only by its loudly named option") {
  auto pki = make_test_pki({"fake.test"}, {});
  FakeProviderServer server(FakeProviderServer::Options{pki.server});
  server.set_handler([](const RecordedRequest&) { return ScriptedResponse::json(200, "insecure"); });
  auto options = test_options();
  options.tls.use_system_store = false;
  {
    Harness strict(options);
    CHECK(strict.send(get(server.url())).error == Errc::certificate_untrusted);
  }
  options.tls.dangerously_disable_certificate_verification = true;
  Harness h(options);
  auto result = h.send(get(server.url()));
  REQUIRE_MESSAGE(result.has_response(), result.error.message());
  CHECK(result.response.body == "insecure");
}

TEST_CASE("an unreadable extra CA file is a clear TLS error") {
  auto options = test_options();
  options.tls.extra_ca_file = "/nonexistent/ca.pem";
  Harness h(options);
  auto pki = make_test_pki({"fake.test"}, {"127.0.0.1"});
  FakeProviderServer server(FakeProviderServer::Options{pki.server});
  auto result = h.send(get(server.url()));
  CHECK(result.error == Errc::tls_handshake_failed);
  CHECK(contains(result.error.message(), "/nonexistent/ca.pem"));
}
