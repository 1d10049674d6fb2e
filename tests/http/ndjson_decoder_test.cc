// The NDJSON decoder: one JSON text per line, whatever the chunking.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "fixture_paths.h"
#include "instructor/http/ndjson.h"
#include "recording_checks.h"
#include "stream_decoding.h"

using instructor::http::NdjsonDecoder;
namespace t = instructor::testing;

TEST_CASE("NDJSON lines are delivered one by one, split across any chunk boundary") {
  std::string stream = "{\"a\":1}\n{\"b\":\"x\\ny\"}\r\n\n  \n{\"c\":[1,2]}\n";
  std::vector<std::string> expected = {"{\"a\":1}", "{\"b\":\"x\\ny\"}", "{\"c\":[1,2]}"};
  for (std::size_t piece : {1u, 2u, 3u, 5u, 8u, 100u}) {
    CAPTURE(piece);
    CHECK(t::decode_ndjson(stream, piece) == expected);
  }
}

TEST_CASE("a last NDJSON line without a newline is delivered at finish()") {
  std::vector<std::string> lines;
  NdjsonDecoder decoder([&](std::string_view line) { lines.emplace_back(line); });
  decoder.feed("{\"done\":false}\n{\"done\":");
  CHECK(lines.size() == 1);
  decoder.feed("true}");
  decoder.finish();
  REQUIRE(lines.size() == 2);
  CHECK(lines[1] == "{\"done\":true}");
  CHECK(decoder.lines_delivered() == 2);
}

TEST_CASE("an NDJSON line longer than the cap fails with a clear error") {
  NdjsonDecoder decoder([](std::string_view) {}, 16);
  CHECK(decoder.feed("{\"a\":1}\n"));
  CHECK_FALSE(decoder.feed(std::string(10, ' ') + std::string(10, 'x')));
  CHECK(decoder.error().find("longer than the limit of 16 bytes") != std::string::npos);
}

TEST_CASE("a line over the NDJSON cap fails the same whether it arrives in one piece or several") {
  const std::string stream = "{\"text\": \"" + std::string(50, 'y') + "\"}\n{\"short\":1}\n";
  std::vector<std::string> whole_lines;
  NdjsonDecoder whole([&](std::string_view line) { whole_lines.emplace_back(line); }, 16);
  CHECK_FALSE(whole.feed(stream));
  CHECK(whole_lines.empty());
  NdjsonDecoder pieces([](std::string_view) {}, 16);
  const bool fed = pieces.feed(stream.substr(0, 5)) && pieces.feed(stream.substr(5));
  CHECK_FALSE(fed);
  CHECK(pieces.error() == whole.error());
}

TEST_CASE("in-repo recorded payloads sent as NDJSON come back line for line, byte by byte") {
  CHECK(t::check_chunk_files_as_ndjson(t::repo_fixtures_dir()) >= 6);
}

TEST_CASE("an Ollama native chat stream decodes to its JSON lines, the last one done, whole or byte by byte") {
  auto files = t::fixture_files(t::repo_fixtures_dir(), ".ndjson");
  REQUIRE(files.size() >= 1);
  for (const auto& file : files) {
    CAPTURE(file.string());
    std::string stream = t::read_file(file);
    auto lines = t::decode_ndjson(stream, stream.size());
    REQUIRE(lines.size() >= 2);
    CHECK(t::decode_ndjson(stream, 1) == lines);
    for (const auto& line : lines) CHECK_MESSAGE(t::is_json(line), line);
    for (std::size_t i = 0; i + 1 < lines.size(); ++i) CHECK(lines[i].find(R"("done":false)") != std::string::npos);
    CHECK(lines.back().find(R"("done":true)") != std::string::npos);
  }
}
