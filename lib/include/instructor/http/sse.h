// Server-Sent Events decoder: bytes of a text/event-stream body in, events out.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace instructor::http {

// One dispatched Server-Sent Event.
struct SseEvent {
  std::string type = "message";  // the `event:` field, "message" when absent
  std::string data;              // the `data:` lines joined with '\n'
  std::string id;                // the last event id seen on the stream so far
  std::optional<std::uint64_t> retry_ms;  // the last valid `retry:` value so far
};

// Decodes an event stream as the WHATWG HTML "event stream interpretation"
// describes it: LF, CRLF and CR line ends, `event:`/`data:`/`id:`/`retry:`
// fields with one optional space after the colon, comment lines starting with
// ':', multi-line data joined with '\n', lines and events split across any
// chunk boundary, and a leading UTF-8 BOM dropped. Data is kept byte for byte,
// trailing spaces included (Anthropic pads its data lines).
//
// One deliberate difference from browsers: finish() dispatches an event that
// the stream ended without a blank line after, because real providers close
// the connection right after their last `data:` line.
//
// The decoder owns no socket: feed it bytes from anywhere.
class SseDecoder {
 public:
  using EventHandler = std::function<void(const SseEvent&)>;

  // `max_event_bytes` bounds the memory one line or event may take; past it
  // feed() fails and error() says so.
  explicit SseDecoder(EventHandler on_event, std::size_t max_event_bytes = 16u << 20);

  // Decodes the next bytes, calling the handler for every completed event.
  // Returns false (and decodes nothing more) once an event is too large.
  bool feed(std::string_view bytes);

  // The stream ended: dispatches a pending event, if any.
  bool finish();

  // Called for every comment line (without the leading ':'), e.g. keep-alives.
  void on_comment(std::function<void(std::string_view)> handler) { on_comment_ = std::move(handler); }

  // Why feed() failed, empty when it did not.
  const std::string& error() const { return error_; }

  // Events dispatched so far.
  std::size_t events_dispatched() const { return dispatched_; }

 private:
  void process_line(std::string_view line);
  void process_field(std::string_view field, std::string_view value);
  void dispatch();
  bool fail_too_large();

  EventHandler on_event_;
  std::function<void(std::string_view)> on_comment_;
  std::size_t max_event_bytes_;
  std::string line_;           // a line split across feed() calls
  std::string data_;           // data of the event being built
  std::string type_;           // event type of the event being built
  bool has_data_ = false;      // a data field was seen (data may be empty)
  SseEvent last_;              // id / retry carried between events
  SseEvent event_;             // the event being dispatched (its buffers reused)
  bool after_cr_ = false;      // the previous byte was a CR: skip one LF
  bool at_start_ = true;       // a BOM may still come
  std::size_t bom_matched_ = 0;
  std::size_t dispatched_ = 0;
  std::string error_;
};

}  // namespace instructor::http
