// Building a Responses API request (PROVIDERS.md §1 "Responses API"): the
// conversation as input items (messages, function_call and
// function_call_output for re-asks), one flat strict function tool or
// text.format json_schema, sampling settings and the stream flag.
#include <algorithm>

#include "json_post.h"
#include "json_writer.h"
#include "openai_responses.h"
#include "openai_shapes.h"

namespace instructor::providers {
namespace {

void write_input_part(JsonWriter& w, const ContentPart& part) {
  w.begin_object();
  if (part.kind == ContentPart::Kind::text) {
    w.key("type").string("input_text").key("text").string(part.text);
  } else {
    w.key("type").string("input_image").key("image_url").string(image_url_of(part));
    if (!part.detail.empty()) w.key("detail").string(part.detail);
  }
  w.end_object();
}

// A message item: plain text as a string; images as input parts. The
// model's own earlier text (a JSON re-ask) goes back as a string.
void write_message(JsonWriter& w, const ChatMessage& message) {
  w.begin_object().key("role").string(role_name(message.role)).key("content");
  const bool text_only = std::all_of(message.content.begin(), message.content.end(),
                                     [](const ContentPart& p) { return p.kind == ContentPart::Kind::text; });
  if (text_only && (message.content.size() == 1 || message.role == Role::assistant)) {
    std::string text;
    for (const ContentPart& part : message.content) text += part.text;
    w.string(text);
  } else {
    w.begin_array();
    for (const ContentPart& part : message.content) write_input_part(w, part);
    w.end_array();
  }
  w.end_object();
}

void write_turn(JsonWriter& w, const Turn& turn) {
  switch (turn.kind) {
    case Turn::Kind::message: write_message(w, turn.message); break;
    case Turn::Kind::tool_calls:
      for (const ToolCall& call : turn.calls) {
        w.begin_object().key("type").string("function_call").key("call_id").string(call.id);
        w.key("name").string(call.name).key("arguments").string(call.arguments).end_object();
      }
      break;
    case Turn::Kind::tool_result:
      // No error flag in this API: the output's words say what was wrong.
      w.begin_object().key("type").string("function_call_output").key("call_id").string(turn.call_id);
      w.key("output").string(turn.content).end_object();
      break;
  }
}

void write_tool(JsonWriter& w, const ToolSpec& tool) {
  w.key("tools").begin_array().begin_object().key("type").string("function").key("name").string(tool.name);
  if (!tool.description.empty()) w.key("description").string(tool.description);
  w.key("parameters").raw(*tool.parameters).key("strict").boolean(true).end_object().end_array();
  w.key("tool_choice").begin_object().key("type").string("function").key("name").string(tool.name).end_object();
  w.key("parallel_tool_calls").boolean(false);
}

void write_text_format(JsonWriter& w, const ToolSpec& schema) {
  w.key("text").begin_object().key("format").begin_object();
  w.key("type").string("json_schema").key("name").string(schema.name);
  if (!schema.description.empty()) w.key("description").string(schema.description);
  w.key("schema").raw(*schema.parameters).key("strict").boolean(true);
  w.end_object().end_object();
}

std::string build_body(const AttemptSpec& spec) {
  JsonWriter w;
  w.begin_object().key("model").string(spec.model).key("input").begin_array();
  for (const Turn& turn : spec.conversation) write_turn(w, turn);
  w.end_array();
  if (spec.mode == Mode::responses_tools) write_tool(w, spec.tools.front());
  if (spec.mode == Mode::responses_json_schema) write_text_format(w, spec.tools.front());
  const Request& request = spec.request;
  if (request.temperature) w.key("temperature").number(*request.temperature);
  if (request.top_p) w.key("top_p").number(*request.top_p);
  if (request.max_tokens) w.key("max_output_tokens").integer(*request.max_tokens);
  if (spec.stream) w.key("stream").boolean(true);
  w.end_object();
  return w.take();
}

// What the Responses API cannot take from a Request, said before sending.
std::string unsupported_settings(const Request& request) {
  if (!request.stop.empty()) {
    return "the OpenAI Responses API has no stop sequences (Request::stop): use a Chat Completions mode or drop them";
  }
  if (request.seed) return "the OpenAI Responses API has no seed (Request::seed): use a Chat Completions mode or drop it";
  return {};
}

}  // namespace

std::string openai_responses_url(const ProviderConfig& config) {
  if (!config.spec->quirks.azure_urls || config.base_url.ends_with("/openai/v1")) return config.base_url + "/responses";
  if (config.api_version.empty() || config.api_version == "v1") return config.base_url + "/openai/v1/responses";
  return config.base_url + "/openai/responses?api-version=" + config.api_version;
}

// Both modes are strict: the Responses API makes function tools strict unless told otherwise.
SchemaDialect OpenAiResponsesAdapter::schema_dialect(Mode /*mode*/, const ProviderConfig& /*config*/) const {
  return SchemaDialect::openai_strict;
}

http::Request OpenAiResponsesAdapter::build_request(const AttemptSpec& spec, std::string& error) const {
  error = unsupported_settings(spec.request);
  if (!error.empty()) return {};
  return json_post(spec, openai_responses_url(spec.config), build_body(spec), openai_auth(spec.config), error);
}

}  // namespace instructor::providers
