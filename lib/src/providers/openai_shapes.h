// The OpenAI Chat Completions shapes other wire formats borrow: message
// content (Cohere v2) and function tools (Cohere v2, Ollama's /api/chat);
// the headers of both OpenAI APIs (Chat Completions, Responses).
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

// A POST of `body` to `url`: the request's extra_body merged in, then the
// OpenAI headers. On a bad extra_body, `error` says why and the request is empty.
http::Request openai_post(const AttemptSpec& spec, std::string url, std::string body, std::string& error);

// Content-Type, Accept (SSE when streaming), the key (Authorization: Bearer,
// or Azure's api-key), then the configured and the request's own headers.
void add_openai_headers(const AttemptSpec& spec, http::Request& request);

// "tools": [{"type":"function","function":{"name","description","parameters"[,"strict":true]}}...].
void write_openai_function_tools(JsonWriter& w, const std::vector<ToolSpec>& tools, bool strict);

}  // namespace instructor::providers
