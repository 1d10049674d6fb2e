// Ollama /api/chat replies written for tests, in the exact wire format of
// PROVIDERS.md §4: whole bodies, NDJSON streams (content fragments, whole tool
// calls with object arguments, a last "done":true line with done_reason and
// the counts, zero counts left out), mid-stream {"error": ...} lines.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "fake_provider_server.h"

namespace instructor::testing {

struct OllamaCounts {
  int prompt = 10;  // prompt_eval_count; 0 leaves it out, as Ollama does
  int eval = 5;     // eval_count; 0 leaves it out
};

struct OllamaToolCall {
  std::string name;
  std::string arguments;  // a JSON object, sent as an object
};

// Whole bodies ("stream": false).
std::string ollama_content_body(std::string_view content, std::string_view done_reason = "stop", OllamaCounts counts = {});
std::string ollama_tool_calls_body(const std::vector<OllamaToolCall>& calls, OllamaCounts counts = {});
// {"error":"..."}
std::string ollama_error_body(std::string_view message);

// NDJSON streams: the content in `fragment`-byte pieces, one line each, then the done line.
std::string ollama_content_stream(std::string_view content, std::size_t fragment, std::string_view done_reason = "stop",
                                  OllamaCounts counts = {});
// Each call whole in its own line, then the done line.
std::string ollama_tool_calls_stream(const std::vector<OllamaToolCall>& calls, OllamaCounts counts = {});
// Some content lines, then an {"error": ...} line and nothing more.
std::string ollama_stream_failing(std::string_view content, std::string_view error);

// A 200 application/json reply; a 200 application/x-ndjson reply in `piece`-byte pieces.
ScriptedResponse ollama_json_reply(std::string body);
ScriptedResponse ndjson_reply(const std::string& stream, std::size_t piece = 32);

}  // namespace instructor::testing
