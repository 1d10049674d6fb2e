// libFuzzer target: random bytes through the NDJSON decoder, whole and in
// chunks. Both runs must give the same lines and error; a line never holds a
// '\n' and is never blank. Crashes and sanitizer reports fail.
// scripts/fuzz builds and runs it (see the README's "Fuzzing").
//
// The first byte picks the chunk size and, when its top bit is set, a small
// line size limit; the rest is the stream.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "instructor/http/ndjson.h"

namespace {

[[noreturn]] void Fail(const char* what, std::string_view detail) {
  std::fprintf(stderr, "%s: %.*s\n", what, static_cast<int>(detail.size()), detail.data());
  std::abort();
}

// Every line and the end, as text; chunk 0 feeds the stream whole.
std::string Decode(std::string_view stream, std::size_t chunk, std::size_t limit) {
  std::string log;
  instructor::http::NdjsonDecoder decoder(
      [&](std::string_view line) {
        if (line.find('\n') != std::string_view::npos) Fail("a line holds a line feed", line);
        if (line.find_first_not_of(" \t\r") == std::string_view::npos) Fail("a blank line was delivered", line);
        log += "line " + std::string(line) + "\n";
      },
      limit);
  bool ok = true;
  if (chunk == 0) {
    ok = decoder.feed(stream);
  } else {
    for (std::size_t at = 0; ok && at < stream.size(); at += chunk) ok = decoder.feed(stream.substr(at, chunk));
  }
  if (ok) ok = decoder.finish();
  if (ok != decoder.error().empty()) Fail("feed/finish and error() disagree", decoder.error());
  return log + (ok ? "end" : "error " + decoder.error());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::size_t chunk = 1 + (data[0] & 0x1F);
  const std::size_t limit = (data[0] & 0x80) != 0 ? 8 + ((data[0] >> 5) & 3) * 8 : std::size_t{16} << 20;
  const std::string_view stream(reinterpret_cast<const char*>(data + 1), size - 1);
  const std::string whole = Decode(stream, 0, limit);
  const std::string chunked = Decode(stream, chunk, limit);
  if (whole != chunked) {
    std::fprintf(stderr, "whole and %zu-byte chunks differ (limit %zu)\n--- whole\n%s\n--- chunked\n%s\n", chunk,
                 limit, whole.c_str(), chunked.c_str());
    std::abort();
  }
  return 0;
}
