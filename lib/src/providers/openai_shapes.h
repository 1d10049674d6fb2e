// The OpenAI Chat Completions shapes other wire formats borrow: message
// content (Cohere v2) and function tools (Cohere v2, Ollama's /api/chat);
// the key header of both OpenAI APIs (Chat Completions, Responses).
#pragma once

#include <vector>

#include "adapter.h"
#include "instructor/request.h"
#include "json_writer.h"

namespace instructor::providers {

// A plain string for one text part, else an array of {"type":"text"} and
// {"type":"image_url"} parts (image bytes as data URLs).
void write_openai_content(JsonWriter& w, const std::vector<ContentPart>& parts);

// An image part's URL: its own, or its bytes as a base64 data URL.
std::string image_url_of(const ContentPart& part);

// The key as OpenAI (Authorization: Bearer) or Azure (api-key) wants it; nothing without a key.
std::vector<http::Header> openai_auth(const ProviderConfig& config);

// "tools": [{"type":"function","function":{"name","description","parameters"[,"strict":true]}}...].
void write_openai_function_tools(JsonWriter& w, const std::vector<ToolSpec>& tools, bool strict);

}  // namespace instructor::providers
