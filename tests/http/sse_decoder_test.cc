// The SSE decoder against the specification's rules and every real recording.
#include <doctest/doctest.h>
#include <rapidjson/document.h>

#include <random>

#include "instructor/http/sse.h"
#include "provider_fixtures.h"

using instructor::http::SseDecoder;
using instructor::http::SseEvent;
namespace t = instructor::testing;

namespace {

struct Decoded {
  std::vector<SseEvent> events;
  std::vector<std::string> comments;
};

// Decodes `stream` fed in pieces of the given sizes (cycled), then finish().
Decoded decode(std::string_view stream, std::vector<std::size_t> piece_sizes = {}) {
  Decoded out;
  SseDecoder decoder([&](const SseEvent& e) { out.events.push_back(e); });
  decoder.on_comment([&](std::string_view c) { out.comments.emplace_back(c); });
  if (piece_sizes.empty()) piece_sizes.push_back(stream.size() + 1);
  std::size_t i = 0;
  for (std::size_t k = 0; i < stream.size(); ++k) {
    std::size_t n = std::max<std::size_t>(1, piece_sizes[k % piece_sizes.size()]);
    REQUIRE(decoder.feed(stream.substr(i, n)));
    i += n;
  }
  REQUIRE(decoder.finish());
  return out;
}

Decoded decode_byte_by_byte(std::string_view stream) { return decode(stream, {1}); }

bool same(const std::vector<SseEvent>& a, const std::vector<SseEvent>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].type != b[i].type || a[i].data != b[i].data || a[i].id != b[i].id || a[i].retry_ms != b[i].retry_ms) {
      return false;
    }
  }
  return true;
}

std::string trim_right(std::string s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.pop_back();
  return s;
}

bool is_json(const std::string& text) {
  rapidjson::Document doc;
  doc.Parse(text.c_str(), text.size());
  return !doc.HasParseError();
}

}  // namespace

TEST_CASE("an SSE event carries its type, data, id and retry") {
  auto d = decode("event: delta\nid: 7\nretry: 1500\ndata: {\"a\":1}\n\n");
  REQUIRE(d.events.size() == 1);
  CHECK(d.events[0].type == "delta");
  CHECK(d.events[0].data == "{\"a\":1}");
  CHECK(d.events[0].id == "7");
  CHECK(d.events[0].retry_ms == 1500);
}

TEST_CASE("an SSE event without an event field is a message") {
  auto d = decode("data: x\n\n");
  REQUIRE(d.events.size() == 1);
  CHECK(d.events[0].type == "message");
}

TEST_CASE("multi-line SSE data is joined with a line feed") {
  auto d = decode("data: {\"a\":\ndata: 1}\ndata:\n\n");
  REQUIRE(d.events.size() == 1);
  CHECK(d.events[0].data == "{\"a\":\n1}\n");
}

TEST_CASE("SSE lines may end with LF, CRLF or CR, even mixed") {
  std::string lf = "event: e\ndata: a\ndata: b\n\ndata: c\n\n";
  std::string crlf = "event: e\r\ndata: a\r\ndata: b\r\n\r\ndata: c\r\n\r\n";
  std::string cr = "event: e\rdata: a\rdata: b\r\rdata: c\r\r";
  std::string mixed = "event: e\r\ndata: a\rdata: b\n\r\ndata: c\r\n\n";
  auto expected = decode(lf).events;
  REQUIRE(expected.size() == 2);
  CHECK(expected[0].data == "a\nb");
  for (const std::string& s : {crlf, cr, mixed}) {
    CHECK(same(decode(s).events, expected));
    CHECK(same(decode_byte_by_byte(s).events, expected));
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
  auto expected = decode(stream).events;
  REQUIRE(expected.size() == 3);
  for (std::size_t cut = 1; cut < stream.size(); ++cut) {
    std::vector<SseEvent> events;
    SseDecoder decoder([&](const SseEvent& e) { events.push_back(e); });
    decoder.feed(std::string_view(stream).substr(0, cut));
    decoder.feed(std::string_view(stream).substr(cut));
    decoder.finish();
    CHECK_MESSAGE(same(events, expected), "split at " << cut);
  }
}

TEST_CASE("SSE comment lines are not events and are reported") {
  auto d = decode(": OPENROUTER PROCESSING\n\n: keep-alive\ndata: x\n\n");
  REQUIRE(d.events.size() == 1);
  CHECK(d.events[0].data == "x");
  CHECK(d.comments == std::vector<std::string>{" OPENROUTER PROCESSING", " keep-alive"});
}

TEST_CASE("SSE data keeps trailing spaces and all but the first leading space") {
  auto d = decode("data: {\"type\": \"ping\"}   \n\ndata:  two\n\ndata:none\n\n");
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
  auto d = decode("event: lonely\n\ndata: x\n\nevent: e\nid: 5\n\n");
  REQUIRE(d.events.size() == 1);
  CHECK(d.events[0].type == "message");
  CHECK(d.events[0].id.empty());
}

TEST_CASE("the SSE id persists across events, an id with NUL is ignored, a bad retry is ignored") {
  using namespace std::string_literals;
  auto d = decode("id: a\ndata: 1\n\ndata: 2\n\nid: b\0c\nretry: 12x\ndata: 3\n\nid\ndata: 4\n\n"s);
  REQUIRE(d.events.size() == 4);
  CHECK(d.events[0].id == "a");
  CHECK(d.events[1].id == "a");
  CHECK(d.events[2].id == "a");
  CHECK_FALSE(d.events[2].retry_ms.has_value());
  CHECK(d.events[3].id.empty());
}

TEST_CASE("unknown SSE fields and a field line without colon are handled as the specification says") {
  auto d = decode("foo: bar\ndata\n\ndata: y\nbar\n\n");
  REQUIRE(d.events.size() == 2);
  CHECK(d.events[0].data.empty());  // "data" alone is a data field with an empty value
  CHECK(d.events[1].data == "y");
}

TEST_CASE("a UTF-8 BOM at the start of an SSE stream is dropped, even split") {
  auto d = decode("\xEF\xBB\xBF" "data: x\n\n", {1});
  REQUIRE(d.events.size() == 1);
  CHECK(d.events[0].data == "x");
  auto not_bom = decode("\xEF" "data: x\n\ndata: y\n\n");
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

TEST_CASE("every recorded .sse fixture decodes the same whole, byte by byte and in random pieces") {
  auto files = t::fixture_files(".sse");
  REQUIRE(files.size() >= 8);
  std::mt19937 random(42);
  for (const auto& file : files) {
    CAPTURE(file.string());
    std::string stream = t::read_file(file);
    auto whole = decode(stream).events;
    REQUIRE(!whole.empty());
    CHECK(same(decode_byte_by_byte(stream).events, whole));
    std::vector<std::size_t> sizes;
    for (int i = 0; i < 64; ++i) sizes.push_back(std::uniform_int_distribution<std::size_t>(1, 97)(random));
    CHECK(same(decode(stream, sizes).events, whole));
    for (const SseEvent& event : whole) {
      std::string data = trim_right(event.data);
      CHECK_MESSAGE((data == "[DONE]" || is_json(data)), "event data: " << data);
    }
    // The number of events is the number of blocks with a data line.
    std::size_t data_lines = 0;
    for (std::size_t pos = stream.find("data:"); pos != std::string::npos; pos = stream.find("data:", pos + 1)) {
      if (pos == 0 || stream[pos - 1] == '\n' || stream[pos - 1] == '\r') ++data_lines;
    }
    CHECK(whole.size() == data_lines);
  }
}

TEST_CASE("recorded SSE fixtures keep their provider specifics") {
  auto anthropic = decode(t::read_file(t::fixtures_dir() / "anthropic/messages_stream_raw_event_lines.sse")).events;
  REQUIRE(!anthropic.empty());
  CHECK(anthropic.front().type == "message_start");
  CHECK(anthropic.back().type == "message_stop");
  for (const auto& e : anthropic) CHECK(t::json_type_of(trim_right(e.data)) == e.type);

  auto gemini = decode(t::read_file(t::fixtures_dir() / "gemini/stream_function_call_then_schema_1.sse")).events;
  REQUIRE(!gemini.empty());
  for (const auto& e : gemini) CHECK(e.data.find('\r') == std::string::npos);

  auto openrouter = decode(t::read_file(t::fixtures_dir() /
                                        "openai-compatible/openrouter_stream_comments_and_midstream_error.sse"));
  CHECK(!openrouter.comments.empty());
  CHECK(openrouter.events.back().data == "[DONE]");

  auto openai = decode(t::read_file(t::fixtures_dir() / "openai/chat_stream_tool_call_single.sse")).events;
  CHECK(openai.back().data == "[DONE]");
}

TEST_CASE("every .chunks.txt fixture, framed for its provider, decodes to its payloads in order") {
  auto files = t::fixture_files(".chunks.txt");
  REQUIRE(files.size() >= 8);
  for (const auto& file : files) {
    CAPTURE(file.string());
    auto lines = t::chunk_lines(t::read_file(file));
    REQUIRE(!lines.empty());
    t::SseDialect dialect = t::dialect_of(file);
    std::string stream = t::frame_as_sse(lines, dialect);
    auto whole = decode(stream).events;
    CHECK(same(decode_byte_by_byte(stream).events, whole));
    std::size_t expected = lines.size() + (dialect == t::SseDialect::openai_chat ? 1 : 0);
    REQUIRE(whole.size() == expected);
    for (std::size_t i = 0; i < lines.size(); ++i) {
      CHECK(whole[i].data == lines[i]);
      if (dialect == t::SseDialect::anthropic) CHECK(whole[i].type == t::json_type_of(lines[i]));
    }
  }
}
