#include "well_known_types.h"

#include <charconv>

#include "../json/json_text.h"

namespace instructor::mapping {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;

// Reads exactly `width` digits at text[pos].
bool read_digits(std::string_view text, std::size_t pos, std::size_t width, int& out) {
  if (pos + width > text.size()) return false;
  out = 0;
  for (std::size_t i = 0; i < width; ++i) {
    char c = text[pos + i];
    if (!json_text::is_digit(c)) return false;
    out = out * 10 + (c - '0');
  }
  return true;
}

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}

// Reads ".123456789" at text[pos]; returns the nanoseconds and moves pos.
bool read_fraction(std::string_view text, std::size_t& pos, std::int32_t& nanos) {
  nanos = 0;
  if (pos >= text.size() || text[pos] != '.') return true;
  ++pos;
  int digits = 0;
  while (pos < text.size() && json_text::is_digit(text[pos])) {
    if (digits < 9) {
      nanos = nanos * 10 + (text[pos] - '0');
      ++digits;
    }
    ++pos;
  }
  if (digits == 0) return false;
  for (int i = digits; i < 9; ++i) nanos *= 10;
  return true;
}

}  // namespace

std::optional<Seconds> parse_timestamp(std::string_view text) {
  int year, month, day, hour, minute, second;
  if (!read_digits(text, 0, 4, year) || text.size() < 19 || text[4] != '-' ||
      !read_digits(text, 5, 2, month) || text[7] != '-' || !read_digits(text, 8, 2, day) ||
      (text[10] != 'T' && text[10] != 't' && text[10] != ' ') || !read_digits(text, 11, 2, hour) ||
      text[13] != ':' || !read_digits(text, 14, 2, minute) || text[16] != ':' ||
      !read_digits(text, 17, 2, second)) {
    return std::nullopt;
  }
  if (month < 1 || month > 12 || day < 1 || day > days_in_month(year, month) || hour > 23 || minute > 59 ||
      second > 60) {
    return std::nullopt;
  }
  std::size_t pos = 19;
  Seconds result;
  if (!read_fraction(text, pos, result.nanos)) return std::nullopt;
  int offset_minutes = 0;
  if (pos < text.size() && (text[pos] == 'Z' || text[pos] == 'z')) {
    ++pos;
  } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
    int oh, om;
    if (!read_digits(text, pos + 1, 2, oh) || pos + 3 >= text.size() || text[pos + 3] != ':' ||
        !read_digits(text, pos + 4, 2, om) || oh > 23 || om > 59) {
      return std::nullopt;
    }
    offset_minutes = (oh * 60 + om) * (text[pos] == '-' ? -1 : 1);
    pos += 6;
  } else {
    return std::nullopt;
  }
  if (pos != text.size()) return std::nullopt;
  if (second == 60) second = 59;  // a leap second: protobuf has none
  result.seconds = days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)) * 86400 +
                   hour * 3600 + minute * 60 + second - offset_minutes * 60;
  return result;
}

std::optional<Seconds> parse_duration(std::string_view text) {
  if (text.size() < 2 || text.back() != 's') return std::nullopt;
  text.remove_suffix(1);
  bool negative = !text.empty() && text.front() == '-';
  if (negative) text.remove_prefix(1);
  std::size_t pos = 0;
  while (pos < text.size() && json_text::is_digit(text[pos])) ++pos;
  if (pos == 0) return std::nullopt;
  Seconds result;
  auto [end, ec] = std::from_chars(text.data(), text.data() + pos, result.seconds);
  if (ec != std::errc() || result.seconds > 315576000000) return std::nullopt;
  if (!read_fraction(text, pos, result.nanos) || pos != text.size()) return std::nullopt;
  if (negative) {
    result.seconds = -result.seconds;
    result.nanos = -result.nanos;
  }
  return result;
}

Coercion store_into_well_known(Message& message, MessageShape shape, const Scalar& value, FieldIndex& index) {
  const auto* descriptor = message.GetDescriptor();
  const auto* reflection = message.GetReflection();
  switch (shape) {
    case MessageShape::wrapper:
      return store_scalar(message, descriptor->FindFieldByNumber(1), value, index);
    case MessageShape::timestamp:
    case MessageShape::duration: {
      std::optional<Seconds> parsed;
      if (value.kind == Scalar::Kind::string) {
        parsed = shape == MessageShape::timestamp ? parse_timestamp(value.text) : parse_duration(value.text);
      } else if (value.kind == Scalar::Kind::number && shape == MessageShape::duration) {
        std::string text(value.text);
        text += 's';
        parsed = parse_duration(text);
      }
      if (!parsed) {
        return shape == MessageShape::timestamp
                   ? Coercion::refused("format.timestamp",
                                       "must be an RFC 3339 date-time such as \"2024-05-01T12:00:00Z\"; got " +
                                           json_text_of(value))
                   : Coercion::refused("format.duration",
                                       "must be a duration in seconds such as \"1.5s\"; got " + json_text_of(value));
      }
      reflection->SetInt64(&message, descriptor->FindFieldByNumber(1), parsed->seconds);
      reflection->SetInt32(&message, descriptor->FindFieldByNumber(2), parsed->nanos);
      return Coercion::ok();
    }
    case MessageShape::field_mask: {
      if (value.kind != Scalar::Kind::string) {
        return Coercion::refused("type.mismatch", "must be a comma-separated list of paths; got " + json_text_of(value));
      }
      const FieldDescriptor* paths = descriptor->FindFieldByNumber(1);
      std::string_view rest = value.text;
      while (!rest.empty()) {
        std::size_t comma = rest.find(',');
        std::string_view path = rest.substr(0, comma);
        while (!path.empty() && json_text::is_space(path.front())) path.remove_prefix(1);
        while (!path.empty() && json_text::is_space(path.back())) path.remove_suffix(1);
        if (!path.empty()) reflection->AddString(&message, paths, std::string(path));
        if (comma == std::string_view::npos) break;
        rest.remove_prefix(comma + 1);
      }
      return Coercion::ok();
    }
    default:
      break;
  }
  return Coercion::refused("type.mismatch", "must be an object; got " + json_text_of(value));
}

}  // namespace instructor::mapping
