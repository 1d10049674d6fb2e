// Callbacks that watch an extraction as it happens: for logging, metrics and
// tests. Every event carries the attempt number (1 for the first model call).
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "instructor/http/message.h"
#include "instructor/json_parser.h"
#include "instructor/usage.h"
#include "instructor/violation.h"

namespace instructor {

// A request is about to be sent. Secrets are already redacted from the headers.
struct RequestEvent {
  int attempt = 0;
  std::string provider;
  std::string method;
  std::string url;
  std::vector<http::Header> headers;  // credentials shown as [REDACTED]
  std::string_view body;              // the JSON body (it never holds the key)
};

// A response arrived (for a stream: when the stream ended).
struct ResponseEvent {
  int attempt = 0;
  int status = 0;
  std::chrono::milliseconds latency{0};            // request sent to last byte
  std::chrono::milliseconds time_to_first_byte{0};  // request sent to the response head
  std::string request_id;
  Usage usage;
};

// The model's answer could not be read as JSON.
struct ParseErrorEvent {
  int attempt = 0;
  ParseError error;
  std::string_view answer;
};

// The model's answer broke the mapping or a rule.
struct ViolationsEvent {
  int attempt = 0;
  const Violations& violations;
  std::string_view answer;
};

// The model is asked again; `feedback` is what it is told.
struct ReaskEvent {
  int attempt = 0;  // the attempt about to be made
  std::string_view feedback;
};

// The transport retries a request (429, 5xx, a connection error).
struct TransportRetryEvent {
  int attempt = 0;
  int transport_attempt = 0;  // the HTTP attempt that failed (1 for the first)
  int status = 0;
  std::chrono::milliseconds delay{0};
  std::string reason;
};

// The call ended: a valid message, or an error.
struct SuccessEvent {
  int attempt = 0;
  const Usage& usage;  // summed over attempts
};
struct ErrorEvent {
  int attempt = 0;
  std::string_view kind;     // error_kind_name() of the error
  std::string_view message;
  const Usage& usage;
};

// Set the callbacks you want; a hook that throws is ignored (the call goes on).
struct Hooks {
  std::function<void(const RequestEvent&)> on_request;
  std::function<void(const ResponseEvent&)> on_response;
  std::function<void(const ParseErrorEvent&)> on_parse_error;
  std::function<void(const ViolationsEvent&)> on_violations;
  std::function<void(const ReaskEvent&)> on_reask;
  std::function<void(const TransportRetryEvent&)> on_transport_retry;
  std::function<void(const SuccessEvent&)> on_success;
  std::function<void(const ErrorEvent&)> on_error;
};

}  // namespace instructor
