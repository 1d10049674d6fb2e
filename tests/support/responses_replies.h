// OpenAI Responses API replies written for tests, in the exact wire format of
// PROVIDERS.md §1 "Responses API": whole response objects (function_call and
// message items, refusals, incomplete responses, usage with cached and
// reasoning details) and typed SSE streams ("event: <type>" then "data:" with
// the same type and a sequence_number; output_item.added, argument and text
// deltas, one terminal response.completed / .incomplete / .failed, the
// `error` event with its fields nested or flat).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace instructor::testing {

struct ResponsesTokens {
  int input = 10;
  int output = 5;
  int cached = 0;
  int reasoning = 0;
};

// What a reply holds before its answer item.
struct ResponsesShape {
  bool reasoning_item = false;  // a reasoning item at output_index 0, so the answer is at 1
  ResponsesTokens tokens;
};

// Whole responses.
std::string responses_function_call_body(std::string_view name, std::string_view arguments,
                                         std::string_view call_id = "call_1", ResponsesShape shape = {});
std::string responses_text_body(std::string_view text, ResponsesShape shape = {});
std::string responses_refusal_body(std::string_view refusal, ResponsesShape shape = {});
// status "incomplete" with incomplete_details.reason (max_output_tokens, content_filter).
std::string responses_incomplete_body(std::string_view text, std::string_view reason, ResponsesShape shape = {});

// One SSE event as the Responses API frames it: "event: <type>\ndata: <json>\n\n".
std::string responses_event(std::string_view json);

// Streams: arguments or text cut into `fragment`-byte deltas.
std::string responses_function_call_stream(std::string_view name, std::string_view arguments, std::size_t fragment,
                                           std::string_view call_id = "call_1", ResponsesShape shape = {});
// `incomplete_reason` non-empty: ends with response.incomplete for that reason.
std::string responses_text_stream(std::string_view text, std::size_t fragment, ResponsesShape shape = {},
                                  std::string_view incomplete_reason = {});
// created, in_progress, an `error` event (fields nested under "error", or
// flat as the SDK's type has them), then response.failed.
std::string responses_failed_stream(std::string_view code, std::string_view message, bool nested_error = true);

}  // namespace instructor::testing
