// Building an Ollama /api/chat request (PROVIDERS.md §4): messages with
// images as base64 bytes, tool calls with object arguments, tool results by
// tool_name, "format" (the schema, or "json"), "options" for sampling, and
// "stream" always said (Ollama streams unless told not to).
#include <rapidjson/document.h>

#include "../text/base64.h"
#include "json_post.h"
#include "json_writer.h"
#include "ollama_chat.h"
#include "openai_shapes.h"

namespace instructor::providers {
namespace {

std::string_view wire_role(Role role) {
  if (role == Role::developer) return "system";
  return role_name(role);
}

// Text parts joined into "content", image bytes into "images"; false (and
// `error` set) for an image given by URL, which Ollama cannot fetch.
bool write_message(JsonWriter& w, std::string_view role, const std::vector<ContentPart>& parts, std::string& error) {
  std::string text;
  std::vector<const ContentPart*> images;
  for (const ContentPart& part : parts) {
    if (part.kind == ContentPart::Kind::text) {
      text += part.text;
    } else if (part.kind == ContentPart::Kind::image_bytes) {
      images.push_back(&part);
    } else {
      error = "Ollama's native API takes images as bytes (image_bytes), not as URLs: " + part.url.substr(0, 80);
      return false;
    }
  }
  w.begin_object().key("role").string(role).key("content").string(text);
  if (!images.empty()) {
    w.key("images").begin_array();
    for (const ContentPart* image : images) w.string(text::base64_encode(image->data));
    w.end_array();
  }
  w.end_object();
  return true;
}

bool write_turn(JsonWriter& w, const Turn& turn, std::string& error) {
  switch (turn.kind) {
    case Turn::Kind::message: return write_message(w, wire_role(turn.message.role), turn.message.content, error);
    case Turn::Kind::tool_calls:
      w.begin_object().key("role").string("assistant").key("content").string("").key("tool_calls").begin_array();
      for (const ToolCall& call : turn.calls) {
        w.begin_object();
        if (!call.id.empty()) w.key("id").string(call.id);
        w.key("function").begin_object().key("name").string(call.name).key("arguments");
        w.object_or_empty(call.arguments);
        w.end_object().end_object();
      }
      w.end_array().end_object();
      return true;
    case Turn::Kind::tool_result:
      w.begin_object().key("role").string("tool").key("tool_name").string(turn.tool_name);
      w.key("content").string(turn.content).end_object();
      return true;
  }
  return true;
}

// Sampling settings live in "options"; the token limit is num_predict.
void write_options(JsonWriter& w, const Request& request) {
  if (!request.temperature && !request.top_p && !request.max_tokens && request.stop.empty() && !request.seed) return;
  w.key("options").begin_object();
  if (request.temperature) w.key("temperature").number(*request.temperature);
  if (request.top_p) w.key("top_p").number(*request.top_p);
  if (request.max_tokens) w.key("num_predict").integer(*request.max_tokens);
  if (!request.stop.empty()) {
    w.key("stop").begin_array();
    for (const std::string& s : request.stop) w.string(s);
    w.end_array();
  }
  if (request.seed) w.key("seed").integer(*request.seed);
  w.end_object();
}

std::string build_body(const AttemptSpec& spec, std::string& error) {
  JsonWriter w;
  w.begin_object().key("model").string(spec.model).key("messages").begin_array();
  if (!spec.schema_prompt.empty()) {
    w.begin_object().key("role").string("system").key("content").string(spec.schema_prompt).end_object();
  }
  for (const Turn& turn : spec.conversation)
    if (!write_turn(w, turn, error)) return {};
  w.end_array();
  if (answers_with_tools(spec.mode)) write_openai_function_tools(w, spec.tools, false);
  if (spec.mode == Mode::json_schema) w.key("format").raw(*spec.tools.front().parameters);
  if (spec.mode == Mode::json) w.key("format").string("json");
  write_options(w, spec.request);
  w.key("stream").boolean(spec.stream);
  w.end_object();
  return w.take();
}

}  // namespace

// The format's schema becomes a llama.cpp grammar, so it is sent in what the
// grammar enforces (the rest in words); so are the tools' parameters, for a
// model that reads their descriptions. JSON and MD_JSON put the generated schema in the prompt.
SchemaDialect OllamaChatAdapter::schema_dialect(Mode mode, const ProviderConfig&) const {
  return mode == Mode::json_schema || answers_with_tools(mode) ? SchemaDialect::ollama : SchemaDialect::plain;
}

http::Request OllamaChatAdapter::build_request(const AttemptSpec& spec, std::string& error) const {
  std::string body = build_body(spec, error);
  if (!error.empty()) return {};
  // Ollama Cloud (https://ollama.com) wants a key; a local server needs none.
  return json_post(spec, spec.config.base_url + "/api/chat", std::move(body), bearer_auth(spec.config), error,
                   "application/x-ndjson");
}

}  // namespace instructor::providers
