// Cohere v2 chat replies written for tests, in the exact wire format of
// PROVIDERS.md §5: whole bodies (content parts, tool_calls with string
// arguments, usage with billed_units and tokens), SSE streams of typed events
// (message-start, content-start/-delta/-end, tool-plan-delta,
// tool-call-start/-delta/-end with one tool_calls object, message-end) with
// no [DONE], and the {"message": ...} error body.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "fake_provider_server.h"

namespace instructor::testing {

struct CohereCounts {
  int input = 20;         // tokens.input_tokens
  int output = 8;         // tokens.output_tokens
  int billed_input = 12;  // billed_units.input_tokens
  int billed_output = 8;  // billed_units.output_tokens
};

struct CohereToolCall {
  std::string name;
  std::string arguments;  // JSON text, sent as a string
  std::string id = "Person_ab12cd34ef56";
};

// Whole bodies.
std::string cohere_text_body(std::string_view text, std::string_view finish = "COMPLETE", CohereCounts counts = {});
std::string cohere_tool_calls_body(const std::vector<CohereToolCall>& calls, CohereCounts counts = {});
// {"id": "...", "message": "..."}
std::string cohere_error_body(std::string_view message);

// Streams ("data: <json>\n\n", an "event:" line naming the type first, no [DONE]):
// the text in `fragment`-byte content-deltas, or each call's arguments in `fragment`-byte tool-call-deltas.
std::string cohere_text_stream(std::string_view text, std::size_t fragment, std::string_view finish = "COMPLETE",
                               CohereCounts counts = {});
std::string cohere_tool_calls_stream(const std::vector<CohereToolCall>& calls, std::size_t fragment,
                                     CohereCounts counts = {});

}  // namespace instructor::testing
