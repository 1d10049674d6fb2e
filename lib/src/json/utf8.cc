#include "utf8.h"

#include <cstdio>
#include <cstring>

namespace instructor::utf8 {
namespace {

// The length of the valid sequence starting at `text[0]`, or 0 when it is invalid.
std::size_t SequenceLength(std::string_view text) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char first = byte(0);
  if (first < 0x80) return 1;
  std::size_t length;
  unsigned char low = 0x80;
  unsigned char high = 0xBF;
  if (first >= 0xC2 && first <= 0xDF) {
    length = 2;
  } else if (first >= 0xE0 && first <= 0xEF) {
    length = 3;
    if (first == 0xE0) low = 0xA0;   // no overlong forms
    if (first == 0xED) high = 0x9F;  // no surrogates
  } else if (first >= 0xF0 && first <= 0xF4) {
    length = 4;
    if (first == 0xF0) low = 0x90;   // no overlong forms
    if (first == 0xF4) high = 0x8F;  // nothing above U+10FFFF
  } else {
    return 0;
  }
  if (text.size() < length) return 0;
  if (byte(1) < low || byte(1) > high) return 0;
  for (std::size_t i = 2; i < length; ++i) {
    if (byte(i) < 0x80 || byte(i) > 0xBF) return 0;
  }
  return length;
}

// Whether the 8 bytes at `at` are all ASCII (read as one word).
bool AsciiWord(const char* at) {
  uint64_t word;
  std::memcpy(&word, at, sizeof word);
  return (word & 0x8080808080808080ULL) == 0;
}

}  // namespace

bool IsValid(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    // Fast paths over ASCII: eight bytes, then one.
    if (i + 8 <= text.size() && AsciiWord(text.data() + i)) {
      i += 8;
      continue;
    }
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      ++i;
      continue;
    }
    const std::size_t length = SequenceLength(text.substr(i));
    if (length == 0) return false;
    i += length;
  }
  return true;
}

uint64_t CountCodePoints(std::string_view text) {
  uint64_t count = 0;
  std::size_t i = 0;
  for (; i + 8 <= text.size() && AsciiWord(text.data() + i); i += 8) count += 8;
  for (; i < text.size(); ++i) count += (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
  return count;
}

std::string ToJsonString(std::string_view text, std::size_t max_code_points) {
  std::string json = "\"";
  std::size_t code_points = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    if (code_points == max_code_points) {
      json += "\u2026";
      break;
    }
    ++code_points;
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
      const std::size_t length = SequenceLength(text.substr(i));
      json += length == 0 ? std::string_view("\uFFFD") : text.substr(i, length);
      i += length == 0 ? 1 : length;
      continue;
    }
    ++i;
    switch (c) {
      case '"': json += "\\\""; break;
      case '\\': json += "\\\\"; break;
      case '\n': json += "\\n"; break;
      case '\r': json += "\\r"; break;
      case '\t': json += "\\t"; break;
      default:
        if (c < 0x20 || c == 0x7F) {
          char escaped[8];
          std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
          json += escaped;
        } else {
          json += static_cast<char>(c);
        }
    }
  }
  return json + "\"";
}

}  // namespace instructor::utf8
