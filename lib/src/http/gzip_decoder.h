// Incremental gzip decoding of response bodies (Content-Encoding: gzip).
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace instructor::http::detail {

// Inflates a gzip stream fed in pieces of any size; concatenated gzip
// members are decoded one after the other. Output goes to a callback in
// pieces of at most 16 KiB, so a small input cannot force a huge buffer.
class GzipDecoder {
 public:
  using Sink = std::function<bool(std::string_view decoded)>;  // false: stop (e.g. over a cap)

  GzipDecoder();
  ~GzipDecoder();
  GzipDecoder(const GzipDecoder&) = delete;
  GzipDecoder& operator=(const GzipDecoder&) = delete;

  // Decodes the next bytes. False on corrupt data (see error()) or when the sink said stop.
  bool feed(std::string_view compressed, const Sink& sink);
  // True when the input ended exactly at the end of a gzip member.
  bool complete() const { return at_member_end_; }
  const std::string& error() const { return error_; }

 private:
  struct Stream;
  std::unique_ptr<Stream> stream_;
  bool at_member_end_ = false;
  std::string error_;
};

}  // namespace instructor::http::detail
