// Which attempts the transport retries, and how long it waits.
#include <doctest/doctest.h>

#include "fixture_paths.h"
#include "instructor/http/retry.h"
#include "recording_checks.h"

using namespace instructor::http;
namespace t = instructor::testing;

namespace {

Response status(int code, std::vector<Header> headers = {}, std::string body = {}) {
  Response r;
  r.status = code;
  r.headers = std::move(headers);
  r.body = std::move(body);
  return r;
}

Request post() {
  Request r;
  r.method = "POST";
  r.url = "https://api.example.com/v1/chat/completions";
  return r;
}

RetryDecision classify(const Response& response) { return classify_attempt(RetryPolicy{}, post(), Error(), &response); }

}  // namespace

TEST_CASE("retryable statuses are 408, 409, 429, 500, 502, 503, 504 and 529") {
  for (int code : {408, 409, 429, 500, 502, 503, 504, 529}) {
    CAPTURE(code);
    CHECK(classify(status(code)).retry);
  }
  for (int code : {200, 201, 400, 401, 403, 404, 413, 422, 501}) {
    CAPTURE(code);
    CHECK_FALSE(classify(status(code)).retry);
  }
}

TEST_CASE("x-should-retry overrides the status either way") {
  CHECK(classify(status(400, {{"x-should-retry", "true"}})).retry);
  CHECK_FALSE(classify(status(503, {{"X-Should-Retry", "false"}})).retry);
  CHECK(classify(status(503, {{"X-Should-Retry", "false"}})).reason.find("x-should-retry: false") !=
        std::string::npos);
}

TEST_CASE("a 429 for insufficient_quota is not retried, a rate-limit 429 is") {
  t::check_error_bodies_retry(t::repo_fixtures_dir() / "openai/error_429_insufficient_quota.json",
                              t::repo_fixtures_dir() / "gemini/error_429_retry_info.json");
}

TEST_CASE("connection errors are retried unless a non-idempotent request was fully sent") {
  RetryPolicy policy;
  Request get = post();
  get.method = "GET";
  Error refused(Errc::connect_failed, "refused", false);
  Error closed_after_send(Errc::connection_closed, "closed", true);
  CHECK(classify_attempt(policy, post(), refused, nullptr).retry);
  CHECK(classify_attempt(policy, get, closed_after_send, nullptr).retry);
  auto decision = classify_attempt(policy, post(), closed_after_send, nullptr);
  CHECK_FALSE(decision.retry);
  CHECK(decision.reason.find("not idempotent") != std::string::npos);
  Request keyed = post();
  keyed.headers.push_back({"Idempotency-Key", "abc"});
  CHECK(classify_attempt(policy, keyed, closed_after_send, nullptr).retry);
  policy.retry_sent_non_idempotent = true;
  CHECK(classify_attempt(policy, post(), closed_after_send, nullptr).retry);
  CHECK(classify_attempt(policy, post(), Error(Errc::connect_timeout, "t"), nullptr).retry);
  for (Errc never : {Errc::cancelled, Errc::body_too_large, Errc::invalid_url, Errc::certificate_untrusted,
                     Errc::host_name_mismatch, Errc::protocol_error}) {
    CHECK_FALSE(classify_attempt(policy, post(), Error(never, "x"), nullptr).retry);
  }
}

TEST_CASE("retry-after-ms wins over retry-after, and seconds may be fractional") {
  CHECK(parse_retry_after(status(429, {{"retry-after-ms", "250"}, {"retry-after", "9"}})) == Milliseconds(250));
  CHECK(parse_retry_after(status(429, {{"Retry-After", "2"}})) == Milliseconds(2000));
  CHECK(parse_retry_after(status(429, {{"Retry-After", "0.5"}})) == Milliseconds(500));
  CHECK(parse_retry_after(status(429, {{"Retry-After", " 1.25 "}})) == Milliseconds(1250));
  CHECK_FALSE(parse_retry_after(status(429, {{"Retry-After", "-1"}})).has_value());
  CHECK_FALSE(parse_retry_after(status(429, {{"Retry-After", "soon"}})).has_value());
  CHECK_FALSE(parse_retry_after(status(429)).has_value());
  CHECK(classify(status(429, {{"retry-after", "3"}})).server_delay == Milliseconds(3000));
}

TEST_CASE("a delay the body names is read only when no retry-after header names one") {
  RetryPolicy policy;
  policy.delay_from_body = [](const Response& r) -> std::optional<Milliseconds> {
    if (r.body.find("retryDelay") == std::string::npos) return std::nullopt;
    return Milliseconds(34400);
  };
  const std::string body = R"({"error":{"details":[{"retryDelay":"34.4s"}]}})";
  const Response with_body = status(429, {}, body);
  CHECK(classify_attempt(policy, post(), Error(), &with_body).server_delay == Milliseconds(34400));
  const Response with_header = status(429, {{"retry-after", "2"}}, body);
  CHECK(classify_attempt(policy, post(), Error(), &with_header).server_delay == Milliseconds(2000));
  const Response plain = status(429);
  CHECK(!classify_attempt(policy, post(), Error(), &plain).server_delay);
}

TEST_CASE("retry-after may be an HTTP date in all three formats") {
  auto now = *parse_http_date("Sun, 06 Nov 1994 08:49:30 GMT");
  CHECK(parse_retry_after(status(503, {{"Retry-After", "Sun, 06 Nov 1994 08:49:37 GMT"}}), now) ==
        Milliseconds(7000));
  CHECK(parse_retry_after(status(503, {{"Retry-After", "Sunday, 06-Nov-94 08:49:37 GMT"}}), now) ==
        Milliseconds(7000));
  CHECK(parse_retry_after(status(503, {{"Retry-After", "Sun Nov  6 08:49:37 1994"}}), now) == Milliseconds(7000));
  // A date in the past means "now".
  CHECK(parse_retry_after(status(503, {{"Retry-After", "Sun, 06 Nov 1994 08:00:00 GMT"}}), now) == Milliseconds(0));
  CHECK_FALSE(parse_http_date("Sun, 06 Foo 1994 08:49:37 GMT").has_value());
  CHECK_FALSE(parse_http_date("Sun, 06 Nov 1994 25:49:37 GMT").has_value());
}

TEST_CASE("backoff doubles from the initial delay up to the cap, with jitter, unless the server said") {
  RetryPolicy policy;
  policy.initial_delay = Milliseconds(100);
  policy.max_delay = Milliseconds(1000);
  policy.jitter = 0.5;
  CHECK(backoff_delay(policy, 2, std::nullopt, 0.0) == Milliseconds(100));
  CHECK(backoff_delay(policy, 3, std::nullopt, 0.0) == Milliseconds(200));
  CHECK(backoff_delay(policy, 4, std::nullopt, 0.0) == Milliseconds(400));
  CHECK(backoff_delay(policy, 10, std::nullopt, 0.0) == Milliseconds(1000));
  CHECK(backoff_delay(policy, 3, std::nullopt, 0.999) == Milliseconds(100));
  CHECK(backoff_delay(policy, 2, Milliseconds(1234), 0.7) == Milliseconds(1234));
  for (int i = 0; i < 100; ++i) {
    auto d = backoff_delay(policy, 3, std::nullopt, i / 100.0);
    CHECK(d >= Milliseconds(100));
    CHECK(d <= Milliseconds(200));
  }
}
