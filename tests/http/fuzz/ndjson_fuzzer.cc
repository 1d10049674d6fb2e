// libFuzzer target: random bytes through the NDJSON decoder, whole and in
// chunks. Both runs must give the same lines and error; a line never holds a
// '\n' and is never blank. Crashes and sanitizer reports fail.
// scripts/fuzz builds and runs it (see the README's "Fuzzing").
#include <string>

#include "instructor/http/ndjson.h"
#include "stream_fuzzing.h"

namespace {

using stream_fuzzing::Fail;

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
  const bool ok = stream_fuzzing::Feed(decoder, stream, chunk);
  return log + (ok ? "end" : "error " + decoder.error());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return stream_fuzzing::RequireWholeEqualsChunked(data, size, Decode);
}
