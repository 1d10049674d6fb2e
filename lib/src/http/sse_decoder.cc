#include "instructor/http/sse.h"

#include <algorithm>
#include <charconv>
#include <cstring>

namespace instructor::http {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Where the first line ends (the first CR or LF), or npos. Two memchr calls
// (vectorized) instead of find_first_of, which tests each byte against the set.
std::size_t line_end(std::string_view bytes) {
  const char* begin = bytes.data();
  const void* lf = std::memchr(begin, '\n', bytes.size());
  const std::size_t limit = lf ? static_cast<std::size_t>(static_cast<const char*>(lf) - begin) : bytes.size();
  if (const void* cr = std::memchr(begin, '\r', limit)) return static_cast<std::size_t>(static_cast<const char*>(cr) - begin);
  return lf ? limit : std::string_view::npos;
}

}  // namespace

SseDecoder::SseDecoder(EventHandler on_event, std::size_t max_event_bytes)
    : on_event_(std::move(on_event)), max_event_bytes_(max_event_bytes) {}

bool SseDecoder::fail_too_large() {
  error_ = "SSE event larger than the limit of " + std::to_string(max_event_bytes_) + " bytes";
  line_.clear();
  data_.clear();
  return false;
}

bool SseDecoder::feed(std::string_view bytes) {
  if (!error_.empty()) return false;
  while (at_start_ && !bytes.empty()) {
    // The BOM may itself arrive split over several calls.
    if (bytes.front() == kBom[bom_matched_]) {
      bytes.remove_prefix(1);
      if (++bom_matched_ == kBom.size()) at_start_ = false;
      continue;
    }
    line_.append(kBom.substr(0, bom_matched_));  // held back, but not a BOM after all
    at_start_ = false;
  }
  while (!bytes.empty()) {
    if (after_cr_) {
      after_cr_ = false;
      if (bytes.front() == '\n') {
        bytes.remove_prefix(1);
        continue;
      }
    }
    std::size_t end = line_end(bytes);
    if (end == std::string_view::npos) {
      if (line_.size() + bytes.size() > max_event_bytes_) return fail_too_large();
      line_.append(bytes);
      return true;
    }
    after_cr_ = bytes[end] == '\r';
    if (line_.empty()) {
      // The same limit as for a line split over several chunks, so chunking never changes the outcome.
      if (end > max_event_bytes_) return fail_too_large();
      process_line(bytes.substr(0, end));
    } else {
      if (line_.size() + end > max_event_bytes_) return fail_too_large();
      line_.append(bytes.substr(0, end));
      process_line(line_);
      line_.clear();
    }
    if (!error_.empty()) return false;
    bytes.remove_prefix(end + 1);
  }
  return true;
}

bool SseDecoder::finish() {
  if (!error_.empty()) return false;
  if (!line_.empty()) {
    process_line(line_);
    line_.clear();
  }
  dispatch();
  after_cr_ = false;
  return error_.empty();
}

void SseDecoder::process_line(std::string_view line) {
  if (line.empty()) {
    dispatch();
    return;
  }
  if (line.front() == ':') {
    if (on_comment_) on_comment_(line.substr(1));
    return;
  }
  std::size_t colon = line.find(':');
  if (colon == std::string_view::npos) {
    process_field(line, {});
    return;
  }
  std::string_view value = line.substr(colon + 1);
  if (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  process_field(line.substr(0, colon), value);
}

void SseDecoder::process_field(std::string_view field, std::string_view value) {
  if (field == "data") {
    if (data_.size() + value.size() + 1 > max_event_bytes_) {
      fail_too_large();
      return;
    }
    if (has_data_) data_.push_back('\n');
    data_.append(value);
    has_data_ = true;
  } else if (field == "event") {
    type_.assign(value);
  } else if (field == "id") {
    if (value.find('\0') == std::string_view::npos) last_.id.assign(value);
  } else if (field == "retry") {
    std::uint64_t ms = 0;
    if (all_digits(value) &&
        std::from_chars(value.data(), value.data() + value.size(), ms).ec == std::errc()) {
      last_.retry_ms = ms;
    }
  }
  // Any other field name is ignored, as the specification says.
}

void SseDecoder::dispatch() {
  if (!has_data_) {
    type_.clear();
    return;
  }
  // The event borrows the data buffer and gives it back, so that its memory
  // serves every event of the stream.
  event_.type = type_.empty() ? std::string_view("message") : std::string_view(type_);
  event_.data.swap(data_);
  event_.id = last_.id;
  event_.retry_ms = last_.retry_ms;
  has_data_ = false;
  ++dispatched_;
  if (on_event_) on_event_(event_);
  data_.swap(event_.data);
  data_.clear();
  type_.clear();
}

}  // namespace instructor::http
