// Decoding test streams with SseDecoder and NdjsonDecoder, and comparing what comes out.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "instructor/http/sse.h"

namespace instructor::testing {

// The events and comment lines of a stream.
struct DecodedSse {
  std::vector<http::SseEvent> events;
  std::vector<std::string> comments;
};

// Decodes `stream` fed in pieces of the given sizes (cycled; none: whole),
// then finish(). A decoder error fails the calling test.
DecodedSse decode_sse(std::string_view stream, const std::vector<std::size_t>& piece_sizes = {});

// The lines of an NDJSON `stream` fed in pieces of `piece_size` bytes, then
// finish(). A decoder error fails the calling test.
std::vector<std::string> decode_ndjson(std::string_view stream, std::size_t piece_size);

// Type, data, id and retry of each event equal, in order.
bool same_events(const std::vector<http::SseEvent>& a, const std::vector<http::SseEvent>& b);

// `text` without the spaces and tabs at its end (providers pad data lines).
std::string trim_right(std::string text);

// Whether `text` is one JSON value.
bool is_json(std::string_view text);

}  // namespace instructor::testing
