// How a failed check words its violation.
#include <algorithm>
#include <charconv>
#include <cmath>

#include "instructor/validation_checks.h"
#include "../json/utf8.h"

namespace instructor::check::detail {

void Fail(ValidationContext& context, std::string_view rule, std::string requirement, std::string value_json) {
  const std::string shown = value_json == "\"\"" ? "an empty string" : value_json;
  context.report(rule, requirement + "; got " + shown, std::move(value_json));
}

void Fail(ValidationContext& context, std::string_view rule, std::string requirement, std::string_view shown,
          std::string value_json) {
  context.report(rule, requirement + "; got " + std::string(shown), std::move(value_json));
}

void FailDuplicate(ValidationContext& context, int earlier, std::string value_json) {
  context.report("repeated.unique",
                 "must differ from every other item; got a repeat of item " + std::to_string(earlier),
                 std::move(value_json));
}

std::string JsonString(std::string_view value) { return utf8::ToJsonString(value); }

// JSON has no NaN or infinities: those are strings, spelled as protobuf's JSON spells them.
std::string JsonNumber(double value) {
  if (!std::isfinite(value)) return "\"" + NumberText(value) + "\"";
  return NumberText(value);
}

std::string NumberText(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "Infinity" : "-Infinity";
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

std::string JsonBytes(std::string_view bytes) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string base64;
  base64.reserve((bytes.size() + 2) / 3 * 4);
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    const std::size_t count = std::min<std::size_t>(3, bytes.size() - i);
    uint32_t group = 0;
    for (std::size_t j = 0; j < 3; ++j) {
      group = (group << 8) | (j < count ? static_cast<unsigned char>(bytes[i + j]) : 0u);
    }
    for (std::size_t j = 0; j < 4; ++j) {
      base64 += j <= count ? kAlphabet[(group >> (18 - 6 * j)) & 0x3F] : '=';
    }
  }
  return JsonString(base64);
}

std::string Plural(uint64_t count, std::string_view one, std::string_view many) {
  return std::to_string(count) + " " + std::string(count == 1 ? one : many);
}

}  // namespace instructor::check::detail
