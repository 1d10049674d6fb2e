// Building a Messages API request (PROVIDERS.md §2): the system prompt at the
// top level, user/assistant messages with tool_use and tool_result blocks,
// the mode's tools or output_config, max_tokens always, streaming flag.
#include <rapidjson/document.h>

#include "../text/base64.h"
#include "anthropic_messages.h"
#include "json_post.h"
#include "json_writer.h"
#include "system_prompt.h"

namespace instructor::providers {
namespace {

// An image source: a URL, or base64 bytes (a data: URL is taken apart into them).
void write_image(JsonWriter& w, const ContentPart& part) {
  w.begin_object().key("type").string("image").key("source").begin_object();
  std::string_view url = part.url;
  const std::size_t comma = url.find(',');
  if (part.kind == ContentPart::Kind::image_bytes) {
    w.key("type").string("base64").key("media_type").string(part.mime_type);
    w.key("data").string(text::base64_encode(part.data));
  } else if (url.rfind("data:", 0) == 0 && comma != std::string_view::npos &&
             url.substr(0, comma).find(";base64") != std::string_view::npos) {
    std::string_view media_type = url.substr(5, url.substr(0, comma).find(';') - 5);
    w.key("type").string("base64").key("media_type").string(media_type).key("data").string(url.substr(comma + 1));
  } else {
    w.key("type").string("url").key("url").string(url);
  }
  w.end_object().end_object();
}

void write_content(JsonWriter& w, const std::vector<ContentPart>& parts) {
  if (parts.size() == 1 && parts[0].kind == ContentPart::Kind::text) {
    w.string(parts[0].text);
    return;
  }
  w.begin_array();
  for (const ContentPart& part : parts) {
    if (part.kind == ContentPart::Kind::text) {
      w.begin_object().key("type").string("text").key("text").string(part.text).end_object();
    } else {
      write_image(w, part);
    }
  }
  w.end_array();
}

void write_tool_calls(JsonWriter& w, const Turn& turn) {
  w.begin_object().key("role").string("assistant").key("content").begin_array();
  for (const ToolCall& call : turn.calls) {
    w.begin_object().key("type").string("tool_use").key("id").string(call.id).key("name").string(call.name);
    w.key("input");
    w.object_or_empty(call.arguments);
    w.end_object();
  }
  w.end_array().end_object();
}

void write_tool_result(JsonWriter& w, const Turn& turn) {
  w.begin_object().key("type").string("tool_result").key("tool_use_id").string(turn.call_id);
  w.key("content").string(turn.content).key("is_error").boolean(turn.is_error).end_object();
}

// The conversation as messages. Tool results in a row answer one assistant
// turn, so they travel together in one user message.
void write_messages(JsonWriter& w, const std::vector<Turn>& turns) {
  w.key("messages").begin_array();
  for (std::size_t i = 0; i < turns.size();) {
    const Turn& turn = turns[i];
    if (turn.kind == Turn::Kind::tool_result) {
      w.begin_object().key("role").string("user").key("content").begin_array();
      for (; i < turns.size() && turns[i].kind == Turn::Kind::tool_result; ++i) write_tool_result(w, turns[i]);
      w.end_array().end_object();
      continue;
    }
    ++i;
    if (turn.kind == Turn::Kind::tool_calls) {
      write_tool_calls(w, turn);
      continue;
    }
    if (is_system_turn(turn)) continue;
    const bool from_assistant = turn.message.role == Role::assistant;
    // The API refuses an empty text block: an assistant that wrote nothing is not echoed.
    if (from_assistant && !has_content(turn.message)) continue;
    w.begin_object().key("role").string(from_assistant ? "assistant" : "user").key("content");
    write_content(w, turn.message.content);
    w.end_object();
  }
  w.end_array();
}

void write_tools(JsonWriter& w, const AttemptSpec& spec) {
  w.key("tools").begin_array();
  for (const ToolSpec& tool : spec.tools) {
    w.begin_object().key("name").string(tool.name);
    if (!tool.description.empty()) w.key("description").string(tool.description);
    w.key("input_schema").raw(*tool.parameters);
    if (spec.mode == Mode::tools_strict) w.key("strict").boolean(true);
    w.end_object();
  }
  w.end_array();
  w.key("tool_choice").begin_object();
  if (spec.mode == Mode::parallel_tools) {
    w.key("type").string("any");
  } else {
    w.key("type").string("tool").key("name").string(spec.tools.front().name);
  }
  w.end_object();
}

void write_output_format(JsonWriter& w, const AttemptSpec& spec) {
  w.key("output_config").begin_object().key("format").begin_object();
  w.key("type").string("json_schema").key("schema").raw(*spec.tools.front().parameters);
  w.end_object().end_object();
}

void write_sampling(JsonWriter& w, const Request& request) {
  if (request.temperature) w.key("temperature").number(*request.temperature);
  if (request.top_p) w.key("top_p").number(*request.top_p);
  if (!request.stop.empty()) {
    w.key("stop_sequences").begin_array();
    for (const std::string& s : request.stop) w.string(s);
    w.end_array();
  }
}

std::string build_body(const AttemptSpec& spec) {
  JsonWriter w;
  w.begin_object().key("model").string(spec.model);
  w.key("max_tokens").integer(spec.request.max_tokens.value_or(kAnthropicDefaultMaxTokens));
  if (std::string system = joined_system_prompt(spec); !system.empty()) w.key("system").string(system);
  write_messages(w, spec.conversation);
  if (answers_with_tools(spec.mode)) write_tools(w, spec);
  if (spec.mode == Mode::json_schema) write_output_format(w, spec);
  write_sampling(w, spec.request);
  if (spec.stream) w.key("stream").boolean(true);
  w.end_object();
  return w.take();
}

}  // namespace

// Tool input schemas are taken as written, except strict tools, which are
// decoded under constraints like output_config and accept only its subset.
SchemaDialect AnthropicMessagesAdapter::schema_dialect(Mode mode, const ProviderConfig& /*config*/) const {
  return mode == Mode::json_schema || mode == Mode::tools_strict ? SchemaDialect::anthropic_strict : SchemaDialect::plain;
}

http::Request AnthropicMessagesAdapter::build_request(const AttemptSpec& spec, std::string& error) const {
  std::vector<http::Header> headers = {{"anthropic-version", std::string(kAnthropicVersion)}};
  if (!spec.config.api_key.empty()) headers.push_back({"x-api-key", spec.config.api_key});
  return json_post(spec, spec.config.base_url + "/v1/messages", build_body(spec), std::move(headers), error);
}

}  // namespace instructor::providers
