// libFuzzer target: random bytes through the SSE decoder, whole and in chunks.
// Both runs must give the same events, comments and error; no event may carry
// a line break where the format has none. Crashes and sanitizer reports fail.
// scripts/fuzz builds and runs it (see the README's "Fuzzing").
//
// The first byte picks the chunk size and, when its top bit is set, a small
// event size limit; the rest is the stream.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "instructor/http/sse.h"

namespace {

using instructor::http::SseDecoder;
using instructor::http::SseEvent;

[[noreturn]] void Fail(const char* what, std::string_view detail) {
  std::fprintf(stderr, "%s: %.*s\n", what, static_cast<int>(detail.size()), detail.data());
  std::abort();
}

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
