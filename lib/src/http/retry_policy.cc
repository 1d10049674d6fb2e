#include "instructor/http/retry.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <ctime>

namespace instructor::http {
namespace {

bool is_retryable_status(int status) {
  switch (status) {
    case 408: case 409: case 429: case 500: case 502: case 503: case 504: case 529: return true;
    default: return false;
  }
}

bool is_connection_error(const Error& error) {
  switch (static_cast<Errc>(error.code().value())) {
    case Errc::resolve_failed: case Errc::connect_failed: case Errc::connect_timeout:
    case Errc::request_timeout: case Errc::idle_timeout: case Errc::tls_handshake_failed:
    case Errc::proxy_failed: case Errc::connection_closed: case Errc::connection_reset:
      return true;
    default:
      return false;
  }
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// A non-negative decimal number of units, fractions allowed ("1.5").
std::optional<double> parse_decimal(std::string_view s) {
  s = trim(s);
  if (s.empty() || !(s.front() >= '0' && s.front() <= '9')) return std::nullopt;
  double value = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || end != s.data() + s.size() || !std::isfinite(value)) return std::nullopt;
  return value;
}

int month_index(std::string_view name) {
  static constexpr std::string_view kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  for (int i = 0; i < 12; ++i) {
    if (kMonths[i] == name) return i;
  }
  return -1;
}

bool read_int(std::string_view s, int& out) {
  s = trim(s);
  return !s.empty() && std::from_chars(s.data(), s.data() + s.size(), out).ec == std::errc() &&
         std::from_chars(s.data(), s.data() + s.size(), out).ptr == s.data() + s.size();
}

bool read_clock(std::string_view s, std::tm& tm) {
  return s.size() == 8 && s[2] == ':' && s[5] == ':' && read_int(s.substr(0, 2), tm.tm_hour) &&
         read_int(s.substr(3, 2), tm.tm_min) && read_int(s.substr(6, 2), tm.tm_sec);
}

}  // namespace

std::optional<std::chrono::system_clock::time_point> parse_http_date(std::string_view text) {
  text = trim(text);
  std::tm tm{};
  std::size_t comma = text.find(',');
  if (comma != std::string_view::npos) {
    std::string_view rest = trim(text.substr(comma + 1));
    if (rest.size() == 24 && rest.substr(20) == " GMT" && rest[2] == ' ' && rest[6] == ' ' && rest[11] == ' ') {
      // IMF-fixdate: "06 Nov 1994 08:49:37 GMT"
      tm.tm_mon = month_index(rest.substr(3, 3));
      if (!read_int(rest.substr(0, 2), tm.tm_mday) || !read_int(rest.substr(7, 4), tm.tm_year) ||
          !read_clock(rest.substr(12, 8), tm)) {
        return std::nullopt;
      }
      tm.tm_year -= 1900;
    } else if (rest.size() == 22 && rest.substr(18) == " GMT" && rest[2] == '-' && rest[6] == '-') {
      // RFC 850: "06-Nov-94 08:49:37 GMT"
      tm.tm_mon = month_index(rest.substr(3, 3));
      if (!read_int(rest.substr(0, 2), tm.tm_mday) || !read_int(rest.substr(7, 2), tm.tm_year) ||
          !read_clock(rest.substr(10, 8), tm)) {
        return std::nullopt;
      }
      if (tm.tm_year < 70) tm.tm_year += 100;
    } else {
      return std::nullopt;
    }
  } else if (text.size() == 24 && text[3] == ' ' && text[7] == ' ') {
    // asctime: "Sun Nov  6 08:49:37 1994"
    tm.tm_mon = month_index(text.substr(4, 3));
    if (!read_int(text.substr(8, 2), tm.tm_mday) || !read_clock(text.substr(11, 8), tm) ||
        !read_int(text.substr(20, 4), tm.tm_year)) {
      return std::nullopt;
    }
    tm.tm_year -= 1900;
  } else {
    return std::nullopt;
  }
  if (tm.tm_mon < 0 || tm.tm_mday < 1 || tm.tm_mday > 31 || tm.tm_hour > 23 || tm.tm_min > 59 || tm.tm_sec > 60) {
    return std::nullopt;
  }
  std::time_t t = timegm(&tm);
  if (t == static_cast<std::time_t>(-1)) return std::nullopt;
  return std::chrono::system_clock::from_time_t(t);
}

std::optional<Milliseconds> parse_retry_after(const Response& response, std::chrono::system_clock::time_point now) {
  if (auto ms = response.header("retry-after-ms")) {
    if (auto value = parse_decimal(*ms); value && *value < 1e12) return Milliseconds(std::llround(*value));
  }
  auto header = response.header("retry-after");
  if (!header) return std::nullopt;
  if (auto seconds = parse_decimal(*header); seconds && *seconds < 1e9) {
    return Milliseconds(std::llround(*seconds * 1000.0));
  }
  if (auto date = parse_http_date(*header)) {
    auto delta = std::chrono::duration_cast<Milliseconds>(*date - now);
    return std::max(delta, Milliseconds(0));
  }
  return std::nullopt;
}

RetryDecision classify_attempt(const RetryPolicy& policy, const Request& request, const Error& error,
                               const Response* response) {
  RetryDecision decision;
  if (error) {
    if (!is_connection_error(error)) {
      decision.reason = "not retryable: " + error.code().message();
      return decision;
    }
    if (error.request_sent() && !request.idempotent() && !policy.retry_sent_non_idempotent) {
      decision.reason = "not retried: the request was fully sent before the connection failed, so the server may "
                        "have processed it, and " + request.method +
                        " is not idempotent (send an Idempotency-Key header to allow retries)";
      return decision;
    }
    decision.retry = true;
    decision.reason = "connection error: " + error.code().message();
    return decision;
  }
  if (response == nullptr) return decision;
  decision.server_delay = parse_retry_after(*response);
  if (!decision.server_delay && policy.delay_from_body) decision.server_delay = policy.delay_from_body(*response);
  auto should_retry = response->header("x-should-retry");
  if (should_retry && trim(*should_retry) == "false") {
    decision.reason = "not retried: the server sent x-should-retry: false";
    return decision;
  }
  if (should_retry && trim(*should_retry) == "true") {
    decision.retry = true;
    decision.reason = "the server sent x-should-retry: true";
    return decision;
  }
  if (response->status == 429 && response->body.find("insufficient_quota") != std::string::npos) {
    decision.reason = "not retried: 429 insufficient_quota is a billing limit, not a rate limit";
    return decision;
  }
  if (is_retryable_status(response->status)) {
    decision.retry = true;
    decision.reason = "retryable status " + std::to_string(response->status);
    return decision;
  }
  decision.reason = "status " + std::to_string(response->status) + " is not retryable";
  return decision;
}

Milliseconds backoff_delay(const RetryPolicy& policy, int next_attempt, std::optional<Milliseconds> server_delay,
                           double random01) {
  if (server_delay) return *server_delay;
  int exponent = std::clamp(next_attempt - 2, 0, 30);
  double base = static_cast<double>(policy.initial_delay.count()) * std::pow(2.0, exponent);
  base = std::min(base, static_cast<double>(policy.max_delay.count()));
  double jitter = std::clamp(policy.jitter, 0.0, 1.0);
  double factor = 1.0 - jitter * std::clamp(random01, 0.0, 1.0);
  return Milliseconds(static_cast<long long>(base * factor));
}

}  // namespace instructor::http
