// Gemini API replies written for tests, in the exact wire format of
// PROVIDERS.md §3: whole GenerateContentResponses (functionCall parts with an
// object args and a thoughtSignature, text parts after a thought part,
// finishReason, usageMetadata with thoughts and cached tokens), blocked
// prompts, error envelopes, and alt=sse streams framed with CRLF CRLF whose
// every event is a whole response.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "openai_replies.h"

namespace instructor::testing {

struct GeminiTokens {
  int prompt = 10;
  int candidates = 5;
  int thoughts = 0;
  int cached = 0;
};

// The signature every written function call carries (the text's is kGeminiTextSignature).
inline constexpr std::string_view kGeminiCallSignature = "CiQBcall-signature==";
inline constexpr std::string_view kGeminiTextSignature = "CiQBtext-signature==";

// Whole responses. An empty FakeToolCall id writes no "id" (older models send none).
std::string gemini_function_call_body(const std::vector<FakeToolCall>& calls, GeminiTokens tokens = {});
// A thought part, then the text (with the text signature), then the finish.
std::string gemini_text_body(std::string_view text, std::string_view finish_reason = "STOP", GeminiTokens tokens = {});
// No candidates, only promptFeedback.blockReason.
std::string gemini_blocked_body(std::string_view block_reason);
// {"error":{"code","message","status"}}
std::string gemini_error_body(int code, std::string_view status, std::string_view message);

// Streams: text cut into `fragment`-byte pieces, one event each, running usage
// on every event, then an empty text part with the signature and the finish.
std::string gemini_text_stream(std::string_view text, std::size_t fragment, GeminiTokens tokens = {},
                               std::string_view finish_reason = "STOP");
// Every call whole in the first event, then the finish event.
std::string gemini_function_call_stream(const std::vector<FakeToolCall>& calls, GeminiTokens tokens = {});
// One event as the Gemini API frames it: "data: <json>\r\n\r\n".
std::string gemini_event(std::string_view json);

}  // namespace instructor::testing
