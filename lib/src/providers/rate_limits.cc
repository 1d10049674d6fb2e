#include "rate_limits.h"

#include <charconv>

namespace instructor::providers {
namespace {

std::optional<std::int64_t> integer_header(const http::Response& response, std::string_view name) {
  auto value = response.header(name);
  if (!value) return std::nullopt;
  std::int64_t n = 0;
  auto [end, ec] = std::from_chars(value->data(), value->data() + value->size(), n);
  if (ec != std::errc() || end != value->data() + value->size()) return std::nullopt;
  return n;
}

std::optional<std::chrono::milliseconds> duration_header(const http::Response& response, std::string_view name) {
  auto value = response.header(name);
  return value ? parse_reset_duration(*value) : std::nullopt;
}

}  // namespace

std::optional<std::chrono::milliseconds> parse_reset_duration(std::string_view text) {
  double total_ms = 0;
  bool any = false;
  while (!text.empty()) {
    std::size_t digits = 0;
    while (digits < text.size() && ((text[digits] >= '0' && text[digits] <= '9') || text[digits] == '.')) ++digits;
    if (digits == 0) return std::nullopt;
    double number = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + digits, number);
    if (ec != std::errc() || end != text.data() + digits) return std::nullopt;
    text.remove_prefix(digits);
    std::size_t unit_length = 0;
    while (unit_length < text.size() && text[unit_length] >= 'a' && text[unit_length] <= 'z') ++unit_length;
    std::string_view unit = text.substr(0, unit_length);
    text.remove_prefix(unit_length);
    if (unit == "ms") total_ms += number;
    else if (unit == "s" || unit.empty()) total_ms += number * 1000;
    else if (unit == "m") total_ms += number * 60'000;
    else if (unit == "h") total_ms += number * 3'600'000;
    else return std::nullopt;
    any = true;
  }
  if (!any) return std::nullopt;
  return std::chrono::milliseconds(static_cast<std::int64_t>(total_ms + 0.5));
}

RateLimits anthropic_rate_limits(const http::Response& response) {
  RateLimits limits;
  limits.limit_requests = integer_header(response, "anthropic-ratelimit-requests-limit");
  limits.remaining_requests = integer_header(response, "anthropic-ratelimit-requests-remaining");
  limits.limit_tokens = integer_header(response, "anthropic-ratelimit-tokens-limit");
  limits.remaining_tokens = integer_header(response, "anthropic-ratelimit-tokens-remaining");
  return limits;
}

RateLimits openai_rate_limits(const http::Response& response) {
  RateLimits limits;
  limits.limit_requests = integer_header(response, "x-ratelimit-limit-requests");
  limits.remaining_requests = integer_header(response, "x-ratelimit-remaining-requests");
  limits.limit_tokens = integer_header(response, "x-ratelimit-limit-tokens");
  limits.remaining_tokens = integer_header(response, "x-ratelimit-remaining-tokens");
  limits.reset_requests = duration_header(response, "x-ratelimit-reset-requests");
  limits.reset_tokens = duration_header(response, "x-ratelimit-reset-tokens");
  return limits;
}

}  // namespace instructor::providers
