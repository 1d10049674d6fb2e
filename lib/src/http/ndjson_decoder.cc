#include "instructor/http/ndjson.h"

namespace instructor::http {
namespace {

bool is_blank(std::string_view line) {
  return line.find_first_not_of(" \t\r") == std::string_view::npos;
}

}  // namespace

NdjsonDecoder::NdjsonDecoder(LineHandler on_line, std::size_t max_line_bytes)
    : on_line_(std::move(on_line)), max_line_bytes_(max_line_bytes) {}

bool NdjsonDecoder::fail_too_long() {
  error_ = "NDJSON line longer than the limit of " + std::to_string(max_line_bytes_) + " bytes";
  partial_.clear();
  return false;
}

bool NdjsonDecoder::feed(std::string_view bytes) {
  if (!error_.empty()) return false;
  while (!bytes.empty()) {
    std::size_t end = bytes.find('\n');
    if (end == std::string_view::npos) {
      if (partial_.size() + bytes.size() > max_line_bytes_) return fail_too_long();
      partial_.append(bytes);
      return true;
    }
    if (partial_.size() + end > max_line_bytes_) return fail_too_long();
    if (partial_.empty()) {
      deliver(bytes.substr(0, end));
    } else {
      partial_.append(bytes.substr(0, end));
      deliver(partial_);
      partial_.clear();
    }
    bytes.remove_prefix(end + 1);
  }
  return true;
}

bool NdjsonDecoder::finish() {
  if (!error_.empty()) return false;
  if (!partial_.empty()) {
    deliver(partial_);
    partial_.clear();
  }
  return true;
}

void NdjsonDecoder::deliver(std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  if (is_blank(line)) return;
  ++delivered_;
  if (on_line_) on_line_(line);
}

}  // namespace instructor::http
