// OpenAI Chat Completions replies written for tests, in the exact wire format
// of PROVIDERS.md §1: whole bodies, SSE streams (usage chunk with empty
// choices, [DONE], "obfuscation" padding, split tool arguments) and error
// envelopes. Also the fake model that answers by model name for benchmarks.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "fake_provider_server.h"

namespace instructor::testing {

struct TokenCounts {
  int prompt = 10;
  int completion = 5;
  int cached = 0;
  int reasoning = 0;
};

struct FakeToolCall {
  std::string name;
  std::string arguments;  // JSON text
  std::string id = "call_1";
};

// Whole bodies.
std::string chat_tool_calls_body(const std::vector<FakeToolCall>& calls, TokenCounts counts = {},
                                 std::string_view finish = "tool_calls");
std::string chat_tool_call_body(std::string_view name, std::string_view arguments, TokenCounts counts = {});
std::string chat_content_body(std::string_view content, std::string_view finish = "stop", TokenCounts counts = {});
std::string chat_refusal_body(std::string_view refusal, TokenCounts counts = {});
// {"error":{"message","type","param":null,"code"}}
std::string openai_error_body(std::string_view message, std::string_view type, std::string_view code);

// Streams: the arguments or content cut into `fragment`-byte pieces, one chunk each.
std::string chat_tool_calls_stream(const std::vector<FakeToolCall>& calls, std::size_t fragment,
                                   TokenCounts counts = {}, bool done = true);
std::string chat_tool_call_stream(std::string_view name, std::string_view arguments, std::size_t fragment,
                                  TokenCounts counts = {});
std::string chat_content_stream(std::string_view content, std::size_t fragment, TokenCounts counts = {},
                                std::string_view finish = "stop");

// A 200 JSON reply; a 200 event-stream reply sent in `piece`-byte pieces.
ScriptedResponse json_reply(std::string body);
ScriptedResponse sse_reply(const std::string& stream, std::size_t piece = 64);

// The benchmark's answers: {"name":"Jason","age":25} with `addresses` addresses.
std::string fake_user_json(int addresses);
// Answers a Chat Completions request by its model name: "fake-user" is the
// user above with no address, "fake-nested-N" with N addresses; as a tool call
// when tools were offered, else as content; streamed in 8-byte fragments when
// asked to stream. Anything else: 404 model_not_found.
ScriptedResponse answer_by_model(const RecordedRequest& request);

}  // namespace instructor::testing
