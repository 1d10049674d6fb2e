// Anthropic Messages API replies written for tests, in the exact wire format
// of PROVIDERS.md §2: whole messages (tool_use blocks with an object input,
// text blocks, stop_reason, usage with cache fields), typed SSE streams
// (message_start, content_block_start/delta/stop with input_json_delta
// fragments, ping, message_delta with cumulative usage, message_stop) and
// error envelopes.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "openai_replies.h"

namespace instructor::testing {

struct AnthropicTokens {
  int input = 10;  // fresh input tokens (input_tokens)
  int output = 5;
  int cache_creation = 0;
  int cache_read = 0;
};

// Whole messages. A call's `arguments` (JSON object text) becomes its input;
// FakeToolCall ids are used as they are (tests pass "toolu_..." ones).
std::string anthropic_tool_use_body(const std::vector<FakeToolCall>& calls, AnthropicTokens tokens = {},
                                    std::string_view stop_reason = "tool_use");
std::string anthropic_text_body(std::string_view text, std::string_view stop_reason = "end_turn",
                                AnthropicTokens tokens = {});
// stop_reason "refusal" with stop_details {type, category, explanation}.
std::string anthropic_refusal_body(std::string_view explanation, AnthropicTokens tokens = {});
// {"type":"error","error":{"type","message"},"request_id"}
std::string anthropic_error_body(std::string_view type, std::string_view message);

// One SSE event as Anthropic frames it: "event: <type>\ndata: <json>\n\n".
std::string anthropic_event(std::string_view json);

// Streams: each input or text cut into `fragment`-byte pieces, one delta each;
// a ping after the first delta. `complete` false: cut after the content (no
// message_delta, no message_stop).
std::string anthropic_tool_use_stream(const std::vector<FakeToolCall>& calls, std::size_t fragment,
                                      AnthropicTokens tokens = {}, std::string_view stop_reason = "tool_use");
std::string anthropic_text_stream(std::string_view text, std::size_t fragment, AnthropicTokens tokens = {},
                                  std::string_view stop_reason = "end_turn", bool complete = true);
// The events before any content: message_start with its input usage.
std::string anthropic_message_start(AnthropicTokens tokens);

}  // namespace instructor::testing
