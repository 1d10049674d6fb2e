// What an extraction returns: the validated message, or an error that says
// what went wrong in every attempt; usage and attempts either way.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "instructor/http/message.h"
#include "instructor/json_parser.h"
#include "instructor/usage.h"
#include "instructor/violation.h"

namespace google::protobuf {
class Message;
}

namespace instructor {

// Why the model stopped, normalized across providers.
enum class FinishReason : std::uint8_t {
  unknown,         // not reported (a stream cut before its end)
  stop,            // a normal end
  tool_calls,      // the model called tools
  length,          // the token limit cut the answer
  content_filter,  // the provider's content filter stopped it
  refusal,         // the model refused
  error,           // the provider ended the answer with an error
  other,           // a reason this library does not know (kept raw in the attempt)
};
std::string_view finish_reason_name(FinishReason reason);

// Kinds of failure, each its own outcome.
enum class ErrorKind : std::uint8_t {
  configuration,          // unknown provider, missing key, unsupported mode or schema, bad extra_body: nothing was sent
  transport,              // connection, TLS, timeout... after the transport's retries
  authentication,         // 401
  permission,             // 403
  not_found,              // 404: a model or deployment that does not exist
  bad_request,            // 400, 413, 422: the provider refused the request
  rate_limited,           // 429 after the transport's retries (or a quota that retrying cannot fix)
  server_error,           // 5xx (529 included) after the transport's retries
  provider_error,         // an error reported inside a successful response or stream
  refusal,                // the model refused to answer
  content_filter,         // the provider's filter blocked the prompt or the answer
  truncated,              // the token limit cut the answer; the partial message is attached
  retries_exhausted,      // no attempt's answer parsed and passed validation
  deadline_exceeded,      // the call's timeout passed
  token_budget_exceeded,  // the token budget was used up before a valid answer
  cancelled,
  not_in_cassette,        // replaying: the cassette holds no recording of the request (the message names the nearest)
};
std::string_view error_kind_name(ErrorKind kind);

// Rate-limit state from the response headers, where the provider sends it.
struct RateLimits {
  std::optional<std::int64_t> limit_requests, remaining_requests;
  std::optional<std::int64_t> limit_tokens, remaining_tokens;
  std::optional<std::chrono::milliseconds> reset_requests, reset_tokens;
};

// One model call of an extraction.
struct AttemptRecord {
  int number = 0;                 // 1 for the first
  int http_status = 0;            // 0 when no response arrived
  int transport_attempts = 0;     // HTTP attempts this call took (transport retries + 1)
  std::string request_id;         // the provider's request id header, when sent
  std::string answer;             // what the model wrote: tool arguments or text
  std::optional<ParseError> parse_error;
  Violations violations;          // mapping and validation, one list
  FinishReason finish_reason = FinishReason::unknown;
  std::string finish_reason_raw;  // as the provider wrote it
  std::string refusal;            // the refusal text, when the model refused
  std::string error;              // what failed, for attempts that did not reach parsing
  Usage usage;
  std::chrono::milliseconds latency{0};
  std::chrono::milliseconds time_to_first_byte{0};
};

// Why an extraction failed, with every attempt.
class ExtractError {
 public:
  ExtractError() = default;
  ExtractError(ErrorKind kind, std::string message) : kind_(kind), message_(std::move(message)) {}

  ErrorKind kind() const { return kind_; }
  // One line: what failed, e.g. "retries exhausted after 3 attempts: age: must be at most 150; got 200".
  const std::string& message() const { return message_; }
  const std::string& provider() const { return provider_; }
  const std::string& model() const { return model_; }
  int http_status() const { return http_status_; }
  // The provider's own error type or code, e.g. "insufficient_quota".
  const std::string& provider_code() const { return provider_code_; }
  const std::vector<AttemptRecord>& attempts() const { return attempts_; }
  const Usage& usage() const { return usage_; }

  // For ErrorKind::truncated: the message as far as the model got (null otherwise).
  template <typename T>
  const T* partial() const {
    return dynamic_cast<const T*>(partial_.get());
  }

  // The whole story for a log or a terminal: the error, then each attempt with
  // its status, answer, parse error or violations, and usage.
  std::string to_text() const;

  // For the library.
  void set_context(std::string provider, std::string model) {
    provider_ = std::move(provider);
    model_ = std::move(model);
  }
  void set_http(int status, std::string provider_code) {
    http_status_ = status;
    provider_code_ = std::move(provider_code);
  }
  void set_attempts(std::vector<AttemptRecord> attempts, Usage usage) {
    attempts_ = std::move(attempts);
    usage_ = std::move(usage);
  }
  void set_partial(std::shared_ptr<const google::protobuf::Message> partial) { partial_ = std::move(partial); }

 private:
  ErrorKind kind_ = ErrorKind::configuration;
  std::string message_;
  std::string provider_;
  std::string model_;
  int http_status_ = 0;
  std::string provider_code_;
  std::vector<AttemptRecord> attempts_;
  Usage usage_;
  std::shared_ptr<const google::protobuf::Message> partial_;
};

// The raw provider response of the successful attempt.
struct RawCompletion {
  int status = 0;
  std::vector<http::Header> headers;
  std::string body;  // the JSON body, or the event stream's bytes for a streamed call
  std::string request_id;
  RateLimits rate_limits;
};

// A message together with the raw response it came from.
template <typename T>
struct WithCompletion {
  T value;
  RawCompletion completion;
};

// Facts about a finished call, success or not.
// One provider a fallback or round-robin client tried for a call.
struct ProviderHop {
  std::string provider;
  std::string model;
  Usage usage;                        // what this provider's attempts used
  std::optional<ErrorKind> error;     // why it was left (none: it gave the result)
  std::string message;                // its error's one line
};

struct CallReport {
  std::string provider;                 // the provider that gave the result (or failed last)
  std::string model;
  Usage usage;                          // summed over attempts (and over providers)
  std::vector<AttemptRecord> attempts;  // on success: every attempt, the last one valid
  // Fallback and round-robin clients: every provider tried, in order, with its
  // own usage (empty for a client of one provider).
  std::vector<ProviderHop> providers;
};

// Thrown by Result::value() on an error (the only exception the library uses;
// check the result first and none is ever thrown).
class BadResultAccess : public std::logic_error {
 public:
  explicit BadResultAccess(const ExtractError& error)
      : std::logic_error("instructor::Result has no value: " + error.message()) {}
};

// A T, or the ExtractError saying why there is none.
template <typename T>
class Result {
 public:
  Result(T value, CallReport report) : value_(std::move(value)), report_(std::move(report)) {}
  Result(ExtractError error, CallReport report) : error_(std::move(error)), report_(std::move(report)) {}

  bool has_value() const { return value_.has_value(); }
  explicit operator bool() const { return has_value(); }

  T& value() & { check(); return *value_; }
  const T& value() const& { check(); return *value_; }
  T&& value() && { check(); return std::move(*value_); }
  T& operator*() & { return *value_; }
  const T& operator*() const& { return *value_; }
  T&& operator*() && { return std::move(*value_); }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }

  // The error; only meaningful when !has_value().
  const ExtractError& error() const { return *error_; }

  const Usage& usage() const { return report_.usage; }
  const std::vector<AttemptRecord>& attempts() const { return report_.attempts; }
  const CallReport& report() const { return report_; }

 private:
  void check() const {
    if (!value_) throw BadResultAccess(*error_);
  }
  std::optional<T> value_;
  std::optional<ExtractError> error_;
  CallReport report_;
};

}  // namespace instructor
