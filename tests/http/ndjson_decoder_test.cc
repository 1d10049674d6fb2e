// The NDJSON decoder: one JSON text per line, whatever the chunking.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "instructor/http/ndjson.h"
#include "provider_fixtures.h"

using instructor::http::NdjsonDecoder;
namespace t = instructor::testing;

namespace {

std::vector<std::string> decode(std::string_view stream, std::size_t piece) {
  std::vector<std::string> lines;
  NdjsonDecoder decoder([&](std::string_view line) { lines.emplace_back(line); });
  for (std::size_t i = 0; i < stream.size(); i += piece) REQUIRE(decoder.feed(stream.substr(i, piece)));
  REQUIRE(decoder.finish());
  return lines;
}

}  // namespace

TEST_CASE("NDJSON lines are delivered one by one, split across any chunk boundary") {
  std::string stream = "{\"a\":1}\n{\"b\":\"x\\ny\"}\r\n\n  \n{\"c\":[1,2]}\n";
  std::vector<std::string> expected = {"{\"a\":1}", "{\"b\":\"x\\ny\"}", "{\"c\":[1,2]}"};
  for (std::size_t piece : {1u, 2u, 3u, 5u, 8u, 100u}) {
    CAPTURE(piece);
    CHECK(decode(stream, piece) == expected);
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

TEST_CASE("real recorded payloads sent as NDJSON come back line for line, byte by byte") {
  for (const auto& file : t::fixture_files(".chunks.txt")) {
    CAPTURE(file.string());
    auto lines = t::chunk_lines(t::read_file(file));
    std::string stream;
    for (const auto& line : lines) stream += line + "\n";
    CHECK(decode(stream, 1) == lines);
    CHECK(decode(stream, 4096) == lines);
  }
}
