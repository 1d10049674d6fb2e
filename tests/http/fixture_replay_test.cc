// The fake server replays the in-repo recordings faithfully: status, every
// header and body, as the recording files say.
#include "fixture_paths.h"
#include "fixture_replay.h"
#include "instructor/http/sse.h"
#include "provider_fixtures.h"
#include "recording_checks.h"
#include "transport_harness.h"

using namespace instructor;
using namespace instructor::testing;

TEST_CASE("every in-repo recorded exchange is served back with its status, headers and JSON body") {
  CHECK(check_exchanges_replay(repo_fixtures_dir()) >= 6);
}

TEST_CASE("every in-repo recorded stream is replayed with the status, content type and headers it was recorded with") {
  CHECK(check_sse_files_replay(repo_fixtures_dir()) >= 6);
}

TEST_CASE("a data-only recording is replayed with its provider's framing rebuilt") {
  FakeProviderServer server;
  Harness h;
  const auto file = repo_fixtures_dir() / "gemini/stream_json_text.chunks.txt";
  server.push(replay_stream(file, 10));
  std::string body;
  std::vector<http::SseEvent> events;
  http::SseDecoder decoder([&](const http::SseEvent& e) { events.push_back(e); });
  auto result = h.stream(post(server.url(), "{}"), [&](std::string_view b) {
    body += b;
    decoder.feed(b);
  });
  REQUIRE(result.has_response());
  decoder.finish();
  CHECK(result.response.header("content-type") == "text/event-stream");
  CHECK(body.find("\r\n\r\n") != std::string::npos);
  auto lines = chunk_lines(read_file(file));
  REQUIRE(events.size() == lines.size());
  for (std::size_t i = 0; i < lines.size(); ++i) CHECK(events[i].data == lines[i]);
}
