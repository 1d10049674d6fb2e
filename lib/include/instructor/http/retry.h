// The transport's retry policy: which failures to retry and how long to wait.
// Separate from validation re-asks, which happen a layer above.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "instructor/http/error.h"
#include "instructor/http/message.h"

namespace instructor::http {

using Milliseconds = std::chrono::milliseconds;

// One attempt as the retry hook sees it.
struct AttemptInfo {
  int attempt = 0;                 // 1 for the first try
  int status = 0;                  // HTTP status, 0 when there was no response
  Error error;                     // the transport error, if any (redacted)
  bool will_retry = false;
  Milliseconds delay{0};           // the wait before the next attempt when will_retry
  std::string reason;              // why it is (or is not) retried, for logs
};

struct RetryPolicy {
  int max_attempts = 3;                       // first try included; 1 disables retries
  Milliseconds initial_delay{500};            // backoff base
  Milliseconds max_delay{8000};               // cap of the computed backoff
  Milliseconds max_retry_after{60000};        // a longer server-requested wait is not honoured: give up
  double jitter = 0.25;                       // the backoff is scaled by a random factor in [1 - jitter, 1]
  // Resend a non-idempotent request (POST without Idempotency-Key) after a
  // connection error that happened once it was fully sent. Off: the server
  // may have acted on it, and doing it twice may cost twice.
  bool retry_sent_non_idempotent = false;
  std::function<void(const AttemptInfo&)> on_attempt;  // sees every attempt, retried or not
  // The wait a response's body asks for (Gemini's RetryInfo.retryDelay), read
  // when no retry-after header names one; unset: headers only.
  std::function<std::optional<Milliseconds>(const Response&)> delay_from_body;
};

// The decision for one finished attempt.
struct RetryDecision {
  bool retry = false;
  std::optional<Milliseconds> server_delay;  // from retry-after-ms / retry-after (else the body), when present
  std::string reason;
};

// Whether the outcome of an attempt is worth another attempt: connection
// errors (only when the request was not sent, or is idempotent), timeouts
// likewise, statuses 408, 409, 429, 500, 502, 503, 504, 529 and
// `x-should-retry: true`; never `x-should-retry: false`, nor a 429 whose body
// says `insufficient_quota` (billing, not rate limiting).
RetryDecision classify_attempt(const RetryPolicy& policy, const Request& request, const Error& error,
                               const Response* response);

// The server-requested delay: `retry-after-ms` (milliseconds), else
// `retry-after` as seconds (fractions allowed) or an HTTP date, relative to `now`.
std::optional<Milliseconds> parse_retry_after(const Response& response,
                                              std::chrono::system_clock::time_point now =
                                                  std::chrono::system_clock::now());

// The delay before attempt `next_attempt` (2 for the first retry): the server's
// delay when it gave one, else initial_delay * 2^(n-2) capped at max_delay,
// scaled by the jitter factor `random01` in [0, 1).
Milliseconds backoff_delay(const RetryPolicy& policy, int next_attempt,
                           std::optional<Milliseconds> server_delay, double random01);

// Parses an IMF-fixdate / RFC 850 / asctime HTTP date. Empty on error.
std::optional<std::chrono::system_clock::time_point> parse_http_date(std::string_view text);

}  // namespace instructor::http
