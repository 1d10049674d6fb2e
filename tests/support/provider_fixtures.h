// The SSE framing that data-only `.chunks.txt` recordings lost (vercel/ai
// stored payloads only), rebuilt for each provider.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "fixture_paths.h"

namespace instructor::testing {

// How a provider frames its events (see ../shared/fixtures/SOURCES.md).
enum class SseDialect {
  openai_chat,       // data: <json>\n\n ... data: [DONE]\n\n
  anthropic,         // event: <type>\ndata: <json>\n\n
  gemini,            // data: <json>\r\n\r\n
  openai_responses,  // event: <type>\ndata: <json>\n\n
  cohere,            // data: <json>\n\n
};

// The dialect of a `.chunks.txt` fixture, from its folder and name.
SseDialect dialect_of(const std::filesystem::path& chunks_file);

// The non-empty lines of a `.chunks.txt` file: one JSON payload each.
std::vector<std::string> chunk_lines(const std::string& chunks_txt);

// The event stream a provider would have sent for these payloads.
std::string frame_as_sse(const std::vector<std::string>& payloads, SseDialect dialect);

// The JSON string value of a top-level "type" member, or empty.
std::string json_type_of(std::string_view json);

}  // namespace instructor::testing
