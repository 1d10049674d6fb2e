// The fake server replays the recorded real provider traffic faithfully.
#include <rapidjson/document.h>

#include "fixture_replay.h"
#include "instructor/http/sse.h"
#include "instructor/http/url.h"
#include "provider_fixtures.h"
#include "transport_harness.h"

using namespace instructor;
using namespace instructor::testing;

namespace {

bool same_json(const std::string& a, const std::string& b) {
  rapidjson::Document x, y;
  x.Parse(a.c_str(), a.size());
  y.Parse(b.c_str(), b.size());
  return !x.HasParseError() && !y.HasParseError() && x == y;
}

}  // namespace

TEST_CASE("every recorded exchange is served back with its status, headers and JSON body") {
  FakeProviderServer server;
  Harness h;
  auto files = fixture_files(".exchange.json");
  REQUIRE(files.size() >= 15);
  for (const auto& file : files) {
    CAPTURE(file.string());
    for (const RecordedExchange& exchange : load_exchanges(file)) {
      auto url = http::Url::parse(exchange.url);
      REQUIRE(url);
      server.push(exchange.response);
      http::Request request;
      request.method = exchange.method;
      request.url = server.url(url->target);
      request.body = exchange.request_body;
      auto result = h.send(request);
      REQUIRE_MESSAGE(result.has_response(), result.error.message());
      CHECK(result.response.status == exchange.response.status);
      CHECK(same_json(result.response.body, exchange.response.body));
      for (const auto& header : exchange.response.headers) CHECK(result.response.header(header.name) == header.value);
      CHECK(server.requests().back().target == url->target);
      CHECK(server.requests().back().body == exchange.request_body);
    }
  }
}

TEST_CASE("every recorded stream is replayed with the status and content type it was recorded with") {
  FakeProviderServer server;
  Harness h;
  for (const auto& file : fixture_files(".sse")) {
    CAPTURE(file.string());
    server.push(replay_stream(file, 100));
    std::string body;
    auto result = h.stream(post(server.url(), "{}"), [&](std::string_view b) { body += b; });
    REQUIRE(result.has_response());
    CHECK(result.response.status == 200);
    CHECK(result.response.header("content-type")->substr(0, 17) == "text/event-stream");
    CHECK(body == read_file(file));
  }
  auto gemini = replay_stream(fixtures_dir() / "gemini/google-text.chunks.txt", 10);
  server.push(gemini);
  std::vector<http::SseEvent> events;
  http::SseDecoder decoder([&](const http::SseEvent& e) { events.push_back(e); });
  auto result = h.stream(post(server.url(), "{}"), [&](std::string_view b) { decoder.feed(b); });
  REQUIRE(result.has_response());
  decoder.finish();
  CHECK(events.size() == chunk_lines(read_file(fixtures_dir() / "gemini/google-text.chunks.txt")).size());
}
