// The string formats of (instructor.field).string: email, hostname, uri, uuid,
// ipv4, ipv6, date, date_time, time.
#include <arpa/inet.h>

#include <cctype>
#include <string>

#include "instructor/validation_checks.h"

namespace instructor::check {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsHex(char c) { return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

// The number written by exactly `digits` decimal digits at `text[at]`, or -1.
int Digits(std::string_view text, std::size_t at, std::size_t digits) {
  if (text.size() < at + digits) return -1;
  int number = 0;
  for (std::size_t i = at; i < at + digits; ++i) {
    if (!IsDigit(text[i])) return -1;
    number = number * 10 + (text[i] - '0');
  }
  return number;
}

// RFC 1123 host name: at most 253 characters; labels of 1 to 63 letters,
// digits and hyphens that neither start nor end with a hyphen.
bool IsHostname(std::string_view text) {
  if (text.empty() || text.size() > 253) return false;
  std::size_t label_start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == '.') {
      const std::string_view label = text.substr(label_start, i - label_start);
      if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') return false;
      label_start = i + 1;
    } else if (!IsAlpha(text[i]) && !IsDigit(text[i]) && text[i] != '-') {
      return false;
    }
  }
  return true;
}

// An address's local part as a dot-atom (RFC 5322): atext runs joined by single dots.
bool IsDotAtom(std::string_view text) {
  static constexpr std::string_view kSpecials = "!#$%&'*+/=?^_`{|}~-";
  if (text.empty() || text.size() > 64 || text.front() == '.' || text.back() == '.') return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '.') {
      if (text[i - 1] == '.') return false;
    } else if (!IsAlpha(c) && !IsDigit(c) && kSpecials.find(c) == std::string_view::npos) {
      return false;
    }
  }
  return true;
}

// local@domain, with a dot-atom local part and a host name domain (no quoted
// local parts, no address literals: what a model should write).
bool IsEmail(std::string_view text) {
  const std::size_t at = text.rfind('@');
  if (at == std::string_view::npos || text.size() > 254) return false;
  return IsDotAtom(text.substr(0, at)) && IsHostname(text.substr(at + 1));
}

bool IsIpv4(std::string_view text) {
  int parts = 0;
  std::size_t i = 0;
  while (true) {
    std::size_t start = i;
    int value = 0;
    while (i < text.size() && IsDigit(text[i]) && i - start < 3) value = value * 10 + (text[i++] - '0');
    const std::size_t length = i - start;
    if (length == 0 || value > 255 || (length > 1 && text[start] == '0')) return false;
    if (++parts == 4) return i == text.size();
    if (i == text.size() || text[i] != '.') return false;
    ++i;
  }
}

bool IsIpv6(std::string_view text) {
  if (text.empty() || text.size() > 45) return false;
  const std::string copy(text);
  unsigned char address[16];
  return inet_pton(AF_INET6, copy.c_str(), address) == 1;
}

// RFC 3986 URI with a scheme: scheme ":" then only URI characters, every "%" followed by two hex digits.
bool IsUri(std::string_view text) {
  static constexpr std::string_view kAllowed = "-._~:/?#[]@!$&'()*+,;=";
  const std::size_t colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0 || !IsAlpha(text[0])) return false;
  for (std::size_t i = 1; i < colon; ++i) {
    const char c = text[i];
    if (!IsAlpha(c) && !IsDigit(c) && c != '+' && c != '-' && c != '.') return false;
  }
  for (std::size_t i = colon + 1; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '%') {
      if (i + 2 >= text.size() || !IsHex(text[i + 1]) || !IsHex(text[i + 2])) return false;
      i += 2;
    } else if (!IsAlpha(c) && !IsDigit(c) && kAllowed.find(c) == std::string_view::npos) {
      return false;
    }
  }
  return true;
}

bool IsUuid(std::string_view text) {
  if (text.size() != 36) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const bool hyphen_position = i == 8 || i == 13 || i == 18 || i == 23;
    if (hyphen_position ? text[i] != '-' : !IsHex(text[i])) return false;
  }
  return true;
}

bool IsLeapYear(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

// YYYY-MM-DD, a day that exists in the calendar.
bool IsDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  const int year = Digits(text, 0, 4);
  const int month = Digits(text, 5, 2);
  const int day = Digits(text, 8, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1) return false;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const int days = kDays[month - 1] + (month == 2 && IsLeapYear(year) ? 1 : 0);
  return day <= days;
}

// HH:MM:SS with optional fraction ".123", then (if `offset_required`) "Z" or ±HH:MM.
bool IsTime(std::string_view text, bool offset_required) {
  if (text.size() < 8 || text[2] != ':' || text[5] != ':') return false;
  const int hour = Digits(text, 0, 2);
  const int minute = Digits(text, 3, 2);
  const int second = Digits(text, 6, 2);
  // Second 60 is a leap second (RFC 3339).
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60) return false;
  std::size_t i = 8;
  if (i < text.size() && text[i] == '.') {
    const std::size_t start = ++i;
    while (i < text.size() && IsDigit(text[i])) ++i;
    if (i == start) return false;
  }
  const std::string_view offset = text.substr(i);
  if (offset.empty()) return !offset_required;
  if (offset == "Z" || offset == "z") return true;
  if (offset.size() != 6 || (offset[0] != '+' && offset[0] != '-') || offset[3] != ':') return false;
  const int offset_hour = Digits(offset, 1, 2);
  const int offset_minute = Digits(offset, 4, 2);
  return offset_hour >= 0 && offset_hour <= 23 && offset_minute >= 0 && offset_minute <= 59;
}

// RFC 3339 date-time: full-date "T" full-time, the offset required.
bool IsDateTime(std::string_view text) {
  return text.size() > 11 && (text[10] == 'T' || text[10] == 't') && IsDate(text.substr(0, 10)) &&
         IsTime(text.substr(11), /*offset_required=*/true);
}

struct FormatRule {
  const char* rule;
  const char* requirement;
};

FormatRule RuleOf(Format format) {
  switch (format) {
    case Format::kEmail: return {"string.email", "must be an email address"};
    case Format::kHostname: return {"string.hostname", "must be a host name"};
    case Format::kUri: return {"string.uri", "must be an absolute URI with a scheme"};
    case Format::kUuid: return {"string.uuid", "must be a UUID (8-4-4-4-12 hex digits)"};
    case Format::kIpv4: return {"string.ipv4", "must be an IPv4 address"};
    case Format::kIpv6: return {"string.ipv6", "must be an IPv6 address"};
    case Format::kDate: return {"string.date", "must be a calendar date YYYY-MM-DD"};
    case Format::kDateTime: return {"string.date_time", "must be an RFC 3339 date-time like 2024-05-01T12:00:00Z"};
    case Format::kTime: return {"string.time", "must be a time of day HH:MM:SS"};
  }
  return {"string.format", "must have the declared format"};
}

}  // namespace

bool HasFormat(std::string_view value, Format format) {
  switch (format) {
    case Format::kEmail: return IsEmail(value);
    case Format::kHostname: return IsHostname(value);
    case Format::kUri: return IsUri(value);
    case Format::kUuid: return IsUuid(value);
    case Format::kIpv4: return IsIpv4(value);
    case Format::kIpv6: return IsIpv6(value);
    case Format::kDate: return IsDate(value);
    case Format::kDateTime: return IsDateTime(value);
    case Format::kTime: return IsTime(value, /*offset_required=*/false);
  }
  return false;
}

void StringFormat(ValidationContext& context, std::string_view value, Format format) {
  if (HasFormat(value, format)) return;
  const FormatRule rule = RuleOf(format);
  detail::Fail(context, rule.rule, rule.requirement, detail::JsonString(value));
}

}  // namespace instructor::check
