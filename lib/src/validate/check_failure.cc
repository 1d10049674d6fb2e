// How a failed check words its violation.
#include <charconv>
#include <cmath>

#include "instructor/validation_checks.h"
#include "../json/utf8.h"

namespace instructor::check::detail {

void Fail(ValidationContext& context, std::string_view rule, std::string requirement, std::string value_json) {
  const std::string shown = value_json == "\"\"" ? "an empty string" : value_json;
  context.report(rule, requirement + "; got " + shown, std::move(value_json));
}

void FailDuplicate(ValidationContext& context, int earlier, std::string value_json) {
  context.report("repeated.unique",
                 "must differ from every other item; got a repeat of item " + std::to_string(earlier),
                 std::move(value_json));
}

std::string JsonString(std::string_view value) { return utf8::ToJsonString(value); }

// JSON has no NaN or infinities: those are named in words (and are not JSON).
std::string JsonNumber(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "Infinity" : "-Infinity";
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

std::string Plural(uint64_t count, std::string_view one, std::string_view many) {
  return std::to_string(count) + " " + std::string(count == 1 ? one : many);
}

}  // namespace instructor::check::detail
