#include "stream_decoding.h"

#include <doctest/doctest.h>
#include <rapidjson/document.h>

#include <algorithm>

#include "instructor/http/ndjson.h"

namespace instructor::testing {

DecodedSse decode_sse(std::string_view stream, const std::vector<std::size_t>& piece_sizes) {
  DecodedSse out;
  http::SseDecoder decoder([&](const http::SseEvent& e) { out.events.push_back(e); });
  decoder.on_comment([&](std::string_view c) { out.comments.emplace_back(c); });
  const std::vector<std::size_t> sizes = piece_sizes.empty() ? std::vector<std::size_t>{stream.size() + 1} : piece_sizes;
  std::size_t at = 0;
  for (std::size_t k = 0; at < stream.size(); ++k) {
    std::size_t n = std::max<std::size_t>(1, sizes[k % sizes.size()]);
    REQUIRE_MESSAGE(decoder.feed(stream.substr(at, n)), decoder.error());
    at += n;
  }
  REQUIRE_MESSAGE(decoder.finish(), decoder.error());
  return out;
}

std::vector<std::string> decode_ndjson(std::string_view stream, std::size_t piece_size) {
  std::vector<std::string> lines;
  http::NdjsonDecoder decoder([&](std::string_view line) { lines.emplace_back(line); });
  for (std::size_t at = 0; at < stream.size(); at += piece_size) {
    REQUIRE_MESSAGE(decoder.feed(stream.substr(at, piece_size)), decoder.error());
  }
  REQUIRE_MESSAGE(decoder.finish(), decoder.error());
  return lines;
}

bool same_events(const std::vector<http::SseEvent>& a, const std::vector<http::SseEvent>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].type != b[i].type || a[i].data != b[i].data || a[i].id != b[i].id || a[i].retry_ms != b[i].retry_ms) {
      return false;
    }
  }
  return true;
}

std::string trim_right(std::string text) {
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.pop_back();
  return text;
}

bool is_json(std::string_view text) {
  rapidjson::Document doc;
  doc.Parse(text.data(), text.size());
  return !doc.HasParseError();
}

}  // namespace instructor::testing
