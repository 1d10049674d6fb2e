// Newline-delimited JSON decoder: bytes of an application/x-ndjson body in, one
// JSON text per line out.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace instructor::http {

// Splits a stream into lines on '\n' (a '\r' before it is dropped), across any
// chunk boundary, and hands each non-blank line to the handler. It does not
// parse the JSON: that is the JSON parser's job. Owns no socket.
class NdjsonDecoder {
 public:
  using LineHandler = std::function<void(std::string_view json_text)>;

  explicit NdjsonDecoder(LineHandler on_line, std::size_t max_line_bytes = 16u << 20);

  // Decodes the next bytes. Returns false once a line is longer than the cap.
  bool feed(std::string_view bytes);

  // The stream ended: a last line without '\n' is delivered too.
  bool finish();

  const std::string& error() const { return error_; }
  std::size_t lines_delivered() const { return delivered_; }

 private:
  void deliver(std::string_view line);
  bool fail_too_long();

  LineHandler on_line_;
  std::size_t max_line_bytes_;
  std::string partial_;
  std::size_t delivered_ = 0;
  std::string error_;
};

}  // namespace instructor::http
