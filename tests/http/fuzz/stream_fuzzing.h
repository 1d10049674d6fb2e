// Shared by the stream decoder fuzzers: reading the fuzzer's input, feeding a
// stream whole or in chunks, and failing loudly.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace stream_fuzzing {

// The first byte picks the chunk size (1..32) and, when its top bit is set, a
// small size limit (8, 16, 24 or 32 bytes); the rest is the stream.
struct Input {
  std::size_t chunk;
  std::size_t limit;
  std::string_view stream;
};

inline Input Read(const std::uint8_t* data, std::size_t size) {
  const std::size_t limit = (data[0] & 0x80) != 0 ? 8 + ((data[0] >> 5) & 3) * 8 : std::size_t{16} << 20;
  return {1 + (data[0] & 0x1Fu), limit, std::string_view(reinterpret_cast<const char*>(data + 1), size - 1)};
}

[[noreturn]] inline void Fail(const char* what, std::string_view detail) {
  std::fprintf(stderr, "%s: %.*s\n", what, static_cast<int>(detail.size()), detail.data());
  std::abort();
}

// Feeds `stream` whole (chunk 0) or in pieces of `chunk` bytes, then finishes;
// false once the decoder refused the input.
template <typename Decoder>
bool Feed(Decoder& decoder, std::string_view stream, std::size_t chunk) {
  bool ok = true;
  if (chunk == 0) {
    ok = decoder.feed(stream);
  } else {
    for (std::size_t at = 0; ok && at < stream.size(); at += chunk) ok = decoder.feed(stream.substr(at, chunk));
  }
  if (ok) ok = decoder.finish();
  if (ok != decoder.error().empty()) Fail("feed/finish and error() disagree", decoder.error());
  return ok;
}

// Decodes the input's stream whole and in chunks with `decode(stream, chunk,
// limit)`, which describes the outcome as text; aborts when the two differ.
template <typename Decode>
int RequireWholeEqualsChunked(const std::uint8_t* data, std::size_t size, Decode decode) {
  if (size == 0) return 0;
  const Input input = Read(data, size);
  const std::string whole = decode(input.stream, 0, input.limit);
  const std::string chunked = decode(input.stream, input.chunk, input.limit);
  if (whole == chunked) return 0;
  std::fprintf(stderr, "whole and %zu-byte chunks differ (limit %zu)\n--- whole\n%s\n--- chunked\n%s\n", input.chunk,
               input.limit, whole.c_str(), chunked.c_str());
  std::abort();
}

}  // namespace stream_fuzzing
