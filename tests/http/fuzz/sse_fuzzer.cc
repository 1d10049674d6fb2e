// libFuzzer target: random bytes through the SSE decoder, whole and in chunks.
// Both runs must give the same events, comments and error; no event may carry
// a line break where the format has none. Crashes and sanitizer reports fail.
// scripts/fuzz builds and runs it (see the README's "Fuzzing").
#include <string>

#include "instructor/http/sse.h"
#include "stream_fuzzing.h"

namespace {

using instructor::http::SseDecoder;
using instructor::http::SseEvent;
using stream_fuzzing::Fail;

void CheckEvent(const SseEvent& event) {
  if (event.type.find_first_of("\r\n") != std::string::npos) Fail("an event type holds a line break", event.type);
  if (event.id.find_first_of("\r\n") != std::string::npos) Fail("an event id holds a line break", event.id);
  if (event.id.find('\0') != std::string::npos) Fail("an event id holds NUL", event.id);
  if (event.data.find('\r') != std::string::npos) Fail("event data holds a CR", event.data);
  if (event.type.empty()) Fail("an event has no type", event.data);
}

// Every event, comment and the end, as text; chunk 0 feeds the stream whole.
std::string Decode(std::string_view stream, std::size_t chunk, std::size_t limit) {
  std::string log;
  SseDecoder decoder(
      [&](const SseEvent& event) {
        CheckEvent(event);
        log += "event " + event.type + " id=" + event.id +
               " retry=" + (event.retry_ms ? std::to_string(*event.retry_ms) : "-") + " data=" + event.data + "\n";
      },
      limit);
  decoder.on_comment([&](std::string_view comment) { log += "comment " + std::string(comment) + "\n"; });
  const bool ok = stream_fuzzing::Feed(decoder, stream, chunk);
  return log + (ok ? "end" : "error " + decoder.error());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return stream_fuzzing::RequireWholeEqualsChunked(data, size, Decode);
}
