// The conformance suite: the real provider recordings of ../shared/fixtures
// go through the same checks as the hand-written ones of tests/fixtures.
// Without the recordings every case here is reported as skipped.
#include <doctest/doctest.h>

#include "fixture_paths.h"
#include "recording_checks.h"

namespace t = instructor::testing;

TEST_CASE("every real .sse recording decodes the same whole, byte by byte and in random pieces") {
  CHECK(t::check_sse_files_decode(t::shared_fixtures_dir()) >= 8);
}

TEST_CASE("every real .chunks.txt recording, framed for its provider, decodes to its payloads in order") {
  CHECK(t::check_chunk_files_frame(t::shared_fixtures_dir()) >= 12);
}

TEST_CASE("real recorded payloads sent as NDJSON come back line for line, byte by byte") {
  CHECK(t::check_chunk_files_as_ndjson(t::shared_fixtures_dir()) >= 12);
}

TEST_CASE("real SSE recordings keep their provider framing") {
  const auto dir = t::shared_fixtures_dir();
  t::check_provider_framing(dir / "anthropic/messages_stream_raw_event_lines.sse",
                            dir / "gemini/stream_function_call_then_schema_1.sse",
                            dir / "openai-compatible/openrouter_stream_comments_and_midstream_error.sse",
                            dir / "openai/chat_stream_tool_call_single.sse");
}

TEST_CASE("real error bodies: insufficient_quota is not retried, a Gemini rate limit is") {
  t::check_error_bodies_retry(t::shared_fixtures_dir() / "openai/error_429_insufficient_quota.json",
                              t::shared_fixtures_dir() / "gemini/google-429-retry-info.json");
}

TEST_CASE("every real recorded exchange is served back with its status, headers and JSON body") {
  CHECK(t::check_exchanges_replay(t::shared_fixtures_dir()) >= 15);
}

TEST_CASE("every real recorded stream is replayed with the status, content type and headers it was recorded with") {
  CHECK(t::check_sse_files_replay(t::shared_fixtures_dir()) >= 8);
}

TEST_CASE("every real provider stream replayed over the wire in small pieces gives the same events") {
  CHECK(t::check_streams_over_the_wire(t::shared_fixtures_dir()) >= 20);
}

TEST_CASE("the real recordings show every listed provider quirk, and the in-repo fixtures show each one they show") {
  const std::set<std::string> real = t::provider_quirks(t::shared_fixtures_dir());
  const std::set<std::string> written = t::provider_quirks(t::repo_fixtures_dir());
  for (std::string_view quirk : t::kProviderQuirks) CHECK_MESSAGE(real.count(std::string(quirk)) == 1, quirk);
  for (const std::string& quirk : real) CHECK_MESSAGE(written.count(quirk) == 1, "not in tests/fixtures: " << quirk);
}
