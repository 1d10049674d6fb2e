// The SSE decoder against the specification's rules and the in-repo recordings.
#include <doctest/doctest.h>

#include "fixture_paths.h"
#include "instructor/http/sse.h"
#include "recording_checks.h"
#include "stream_decoding.h"

using instructor::http::SseDecoder;
using instructor::http::SseEvent;
namespace t = instructor::testing;

TEST_CASE("an SSE event carries its type, data, id and retry") {
  auto d = t::decode_sse("event: delta\nid: 7\nretry: 1500\ndata: {\"a\":1}\n\n");
  REQUIRE(d.events.size() == 1);
  CHECK(d.events[0].type == "delta");
  CHECK(d.events[0].data == "{\"a\":1}");
  CHECK(d.events[0].id == "7");
  CHECK(d.events[0].retry_ms == 1500);
}

TEST_CASE("an SSE event without an event field is a message") {
  auto d = t::decode_sse("data: x\n\n");
  REQUIRE(d.events.size() == 1);
  CHECK(d.events[0].type == "message");
}

TEST_CASE("multi-line SSE data is joined with a line feed") {
  auto d = t::decode_sse("data: {\"a\":\ndata: 1}\ndata:\n\n");
  REQUIRE(d.events.size() == 1);
  CHECK(d.events[0].data == "{\"a\":\n1}\n");
}

TEST_CASE("SSE lines may end with LF, CRLF or CR, even mixed") {
  std::string lf = "event: e\ndata: a\ndata: b\n\ndata: c\n\n";
  std::string crlf = "event: e\r\ndata: a\r\ndata: b\r\n\r\ndata: c\r\n\r\n";
  std::string cr = "event: e\rdata: a\rdata: b\r\rdata: c\r\r";
  std::string mixed = "event: e\r\ndata: a\rdata: b\n\r\ndata: c\r\n\n";
  auto expected = t::decode_sse(lf).events;
  REQUIRE(expected.size() == 2);
  CHECK(expected[0].data == "a\nb");
  for (const std::string& s : {crlf, cr, mixed}) {
    CHECK(t::same_events(t::decode_sse(s).events, expected));
    CHECK(t::same_events(t::decode_sse(s, {1}).events, expected));
  }
}

TEST_CASE("a CR at the end of one chunk and its LF at the start of the next make one line end") {
  std::vector<SseEvent> events;
  SseDecoder decoder([&](const SseEvent& e) { events.push_back(e); });
  CHECK(decoder.feed("data: a\r"));
  CHECK(decoder.feed("\ndata: b\r"));
  CHECK(decoder.feed("\n\r"));
  CHECK(decoder.feed("\n"));
  REQUIRE(events.size() == 1);
  CHECK(events[0].data == "a\nb");
}

TEST_CASE("an SSE stream split at every possible boundary gives the same events") {
  std::string stream = ": hello\r\nevent: start\r\ndata: {\"x\": 1}   \r\nid: 1\r\n\r\ndata: two\ndata: lines\n\nretry: 20\rdata: last";
  auto expected = t::decode_sse(stream).events;
  REQUIRE(expected.size() == 3);
  for (std::size_t cut = 1; cut < stream.size(); ++cut) {
    std::vector<SseEvent> events;
    SseDecoder decoder([&](const SseEvent& e) { events.push_back(e); });
    decoder.feed(std::string_view(stream).substr(0, cut));
    decoder.feed(std::string_view(stream).substr(cut));
    decoder.finish();
    CHECK_MESSAGE(t::same_events(events, expected), "split at " << cut);
  }
}

TEST_CASE("SSE comment lines are not events and are reported") {
  auto d = t::decode_sse(": OPENROUTER PROCESSING\n\n: keep-alive\ndata: x\n\n");
  REQUIRE(d.events.size() == 1);
  CHECK(d.events[0].data == "x");
  CHECK(d.comments == std::vector<std::string>{" OPENROUTER PROCESSING", " keep-alive"});
}

TEST_CASE("SSE data keeps trailing spaces and all but the first leading space") {
  auto d = t::decode_sse("data: {\"type\": \"ping\"}   \n\ndata:  two\n\ndata:none\n\n");
  REQUIRE(d.events.size() == 3);
  CHECK(d.events[0].data == "{\"type\": \"ping\"}   ");
  CHECK(d.events[1].data == " two");
  CHECK(d.events[2].data == "none");
}

TEST_CASE("an SSE event still pending at EOF is dispatched by finish()") {
  std::vector<SseEvent> events;
  SseDecoder decoder([&](const SseEvent& e) { events.push_back(e); });
  decoder.feed("data: first\n\nevent: end\ndata: {\"done\":true}");
  CHECK(events.size() == 1);
  decoder.finish();
  REQUIRE(events.size() == 2);
  CHECK(events[1].type == "end");
  CHECK(events[1].data == "{\"done\":true}");
}

TEST_CASE("an SSE block without data dispatches nothing and resets the event type") {
  auto d = t::decode_sse("event: lonely\n\ndata: x\n\nevent: e\nid: 5\n\n");
  REQUIRE(d.events.size() == 1);
  CHECK(d.events[0].type == "message");
  CHECK(d.events[0].id.empty());
}

TEST_CASE("the SSE id persists across events, an id with NUL is ignored, a bad retry is ignored") {
  using namespace std::string_literals;
  auto d = t::decode_sse("id: a\ndata: 1\n\ndata: 2\n\nid: b\0c\nretry: 12x\ndata: 3\n\nid\ndata: 4\n\n"s);
  REQUIRE(d.events.size() == 4);
  CHECK(d.events[0].id == "a");
  CHECK(d.events[1].id == "a");
  CHECK(d.events[2].id == "a");
  CHECK_FALSE(d.events[2].retry_ms.has_value());
  CHECK(d.events[3].id.empty());
}

TEST_CASE("unknown SSE fields and a field line without colon are handled as the specification says") {
  auto d = t::decode_sse("foo: bar\ndata\n\ndata: y\nbar\n\n");
  REQUIRE(d.events.size() == 2);
  CHECK(d.events[0].data.empty());  // "data" alone is a data field with an empty value
  CHECK(d.events[1].data == "y");
}

TEST_CASE("a UTF-8 BOM at the start of an SSE stream is dropped, even split") {
  auto d = t::decode_sse("\xEF\xBB\xBF" "data: x\n\n", {1});
  REQUIRE(d.events.size() == 1);
  CHECK(d.events[0].data == "x");
  auto not_bom = t::decode_sse("\xEF" "data: x\n\ndata: y\n\n");
  REQUIRE(not_bom.events.size() == 1);  // the first line is the unknown field "\xEF" "data"
  CHECK(not_bom.events[0].data == "y");
}

TEST_CASE("an SSE event larger than the cap fails with a clear error") {
  SseDecoder decoder([](const SseEvent&) {}, 64);
  CHECK(decoder.feed("data: " + std::string(40, 'a') + "\n"));
  CHECK_FALSE(decoder.feed("data: " + std::string(40, 'b') + "\n"));
  CHECK(decoder.error().find("larger than the limit of 64 bytes") != std::string::npos);
  CHECK_FALSE(decoder.feed("data: more\n\n"));
  SseDecoder lines([](const SseEvent&) {}, 64);
  CHECK_FALSE(lines.feed(std::string(100, 'x')));
}

TEST_CASE("a line over the SSE cap fails the same whether it arrives in one piece or several") {
  const std::string stream = "event: " + std::string(60, 'e') + "\ndata: y\n\n";
  SseDecoder whole([](const SseEvent&) {}, 16);
  CHECK_FALSE(whole.feed(stream));
  CHECK(whole.error() == "SSE event larger than the limit of 16 bytes");
  SseDecoder pieces([](const SseEvent&) {}, 16);
  const bool fed = pieces.feed(stream.substr(0, 10)) && pieces.feed(stream.substr(10));
  CHECK_FALSE(fed);
  CHECK(pieces.error() == whole.error());
}

TEST_CASE("every in-repo .sse fixture decodes the same whole, byte by byte and in random pieces") {
  CHECK(t::check_sse_files_decode(t::repo_fixtures_dir()) >= 6);
}

TEST_CASE("in-repo SSE fixtures keep their provider framing") {
  const auto dir = t::repo_fixtures_dir();
  t::check_provider_framing(dir / "anthropic/messages_stream_tool_use.sse", dir / "gemini/stream_function_call.sse",
                            dir / "openai-compatible/openrouter_stream_comments_and_error.sse",
                            dir / "openai/chat_stream_tool_calls.sse");
}

TEST_CASE("every in-repo .chunks.txt fixture, framed for its provider, decodes to its payloads in order") {
  CHECK(t::check_chunk_files_frame(t::repo_fixtures_dir()) >= 6);
}
