// Building a generateContent request (PROVIDERS.md §3): contents with user
// and model turns, functionCall / functionResponse parts with their ids and
// thought signatures, systemInstruction, the mode's tools and toolConfig or
// generationConfig, and the URL of the whole or streamed method.
#include <rapidjson/document.h>

#include "../text/base64.h"
#include "gemini.h"
#include "json_post.h"
#include "json_writer.h"
#include "system_prompt.h"

namespace instructor::providers {
namespace {

// An image: bytes (or a base64 data: URL) inline, any other URL as file data.
void write_image(JsonWriter& w, const ContentPart& part) {
  std::string_view url = part.url;
  const std::size_t comma = url.find(',');
  w.begin_object();
  if (part.kind == ContentPart::Kind::image_bytes) {
    w.key("inlineData").begin_object().key("mimeType").string(part.mime_type);
    w.key("data").string(text::base64_encode(part.data)).end_object();
  } else if (url.rfind("data:", 0) == 0 && comma != std::string_view::npos &&
             url.substr(0, comma).find(";base64") != std::string_view::npos) {
    w.key("inlineData").begin_object().key("mimeType").string(url.substr(5, url.substr(0, comma).find(';') - 5));
    w.key("data").string(url.substr(comma + 1)).end_object();
  } else {
    w.key("fileData").begin_object().key("fileUri").string(url).end_object();
  }
  w.end_object();
}

void write_message(JsonWriter& w, const Turn& turn) {
  const bool from_model = turn.message.role == Role::assistant;
  w.begin_object().key("role").string(from_model ? "model" : "user").key("parts").begin_array();
  for (const ContentPart& part : turn.message.content) {
    if (part.kind != ContentPart::Kind::text) {
      write_image(w, part);
      continue;
    }
    w.begin_object().key("text").string(part.text);
    if (from_model && !turn.state.empty()) w.key("thoughtSignature").string(turn.state);
    w.end_object();
  }
  w.end_array().end_object();
}

void write_function_calls(JsonWriter& w, const Turn& turn) {
  w.begin_object().key("role").string("model").key("parts").begin_array();
  for (const ToolCall& call : turn.calls) {
    w.begin_object().key("functionCall").begin_object();
    if (!call.id.empty()) w.key("id").string(call.id);
    w.key("name").string(call.name).key("args");
    w.object_or_empty(call.arguments);
    w.end_object();
    if (!call.state.empty()) w.key("thoughtSignature").string(call.state);
    w.end_object();
  }
  w.end_array().end_object();
}

// The response object: {"output": ...} for a valid call, {"error": ...} for a failed one.
void write_function_response(JsonWriter& w, const Turn& turn) {
  w.begin_object().key("functionResponse").begin_object();
  if (!turn.call_id.empty()) w.key("id").string(turn.call_id);
  w.key("name").string(turn.tool_name);
  w.key("response").begin_object().key(turn.is_error ? "error" : "output").string(turn.content).end_object();
  w.end_object().end_object();
}

// The conversation as contents. Function responses in a row answer one
// model turn, so they travel together in one user turn.
void write_contents(JsonWriter& w, const std::vector<Turn>& turns) {
  w.key("contents").begin_array();
  for (std::size_t i = 0; i < turns.size();) {
    const Turn& turn = turns[i];
    if (turn.kind == Turn::Kind::tool_result) {
      w.begin_object().key("role").string("user").key("parts").begin_array();
      for (; i < turns.size() && turns[i].kind == Turn::Kind::tool_result; ++i) write_function_response(w, turns[i]);
      w.end_array().end_object();
      continue;
    }
    ++i;
    if (turn.kind == Turn::Kind::tool_calls) {
      write_function_calls(w, turn);
    } else if (!is_system_turn(turn) && has_content(turn.message)) {
      write_message(w, turn);
    }
  }
  w.end_array();
}

void write_tools(JsonWriter& w, const AttemptSpec& spec) {
  w.key("tools").begin_array().begin_object().key("functionDeclarations").begin_array();
  for (const ToolSpec& tool : spec.tools) {
    w.begin_object().key("name").string(tool.name);
    if (!tool.description.empty()) w.key("description").string(tool.description);
    w.key(spec.config.gemini_openapi_schema ? "parameters" : "parametersJsonSchema").raw(*tool.parameters).end_object();
  }
  w.end_array().end_object().end_array();
  // ANY forces a call; the allowed names keep it to ours (one for TOOLS).
  w.key("toolConfig").begin_object().key("functionCallingConfig").begin_object();
  w.key("mode").string("ANY").key("allowedFunctionNames").begin_array();
  if (spec.mode == Mode::parallel_tools) {
    for (const ToolSpec& tool : spec.tools) w.string(tool.name);
  } else {
    w.string(spec.tools.front().name);
  }
  w.end_array().end_object().end_object();
}

void write_generation_config(JsonWriter& w, const AttemptSpec& spec) {
  const Request& request = spec.request;
  const bool json_output = spec.mode == Mode::json_schema || spec.mode == Mode::json;
  if (!json_output && !request.temperature && !request.top_p && !request.max_tokens && request.stop.empty() &&
      !request.seed) {
    return;
  }
  w.key("generationConfig").begin_object();
  if (request.temperature) w.key("temperature").number(*request.temperature);
  if (request.top_p) w.key("topP").number(*request.top_p);
  if (request.max_tokens) w.key("maxOutputTokens").integer(*request.max_tokens);
  if (!request.stop.empty()) {
    w.key("stopSequences").begin_array();
    for (const std::string& s : request.stop) w.string(s);
    w.end_array();
  }
  if (request.seed) w.key("seed").integer(*request.seed);
  if (json_output) w.key("responseMimeType").string("application/json");
  if (spec.mode == Mode::json_schema) {
    w.key(spec.config.gemini_openapi_schema ? "responseSchema" : "responseJsonSchema").raw(*spec.tools.front().parameters);
  }
  w.end_object();
}

std::string build_body(const AttemptSpec& spec) {
  JsonWriter w;
  w.begin_object();
  write_contents(w, spec.conversation);
  if (std::string system = joined_system_prompt(spec); !system.empty()) {
    w.key("systemInstruction").begin_object().key("parts").begin_array();
    w.begin_object().key("text").string(system).end_object();
    w.end_array().end_object();
  }
  if (answers_with_tools(spec.mode)) write_tools(w, spec);
  write_generation_config(w, spec);
  w.end_object();
  return w.take();
}

// "gemini-2.5-flash" or "models/gemini-2.5-flash" -> the method URL.
std::string method_url(const ProviderConfig& config, std::string_view model, bool stream) {
  if (model.rfind("models/", 0) == 0) model.remove_prefix(7);
  return config.base_url + "/v1beta/models/" + std::string(model) +
         (stream ? ":streamGenerateContent?alt=sse" : ":generateContent");
}

}  // namespace

// JSON_SCHEMA and the tool modes send Gemini's JSON Schema subset
// (responseJsonSchema, parametersJsonSchema), or its OpenAPI subset
// (responseSchema, parameters) when the client asks for it; JSON and
// MD_JSON put the generated schema in the prompt.
SchemaDialect GeminiAdapter::schema_dialect(Mode mode, const ProviderConfig& config) const {
  if (mode != Mode::json_schema && !answers_with_tools(mode)) return SchemaDialect::plain;
  return config.gemini_openapi_schema ? SchemaDialect::gemini_openapi : SchemaDialect::gemini;
}

http::Request GeminiAdapter::build_request(const AttemptSpec& spec, std::string& error) const {
  std::vector<http::Header> headers;
  if (!spec.config.api_key.empty()) headers.push_back({"x-goog-api-key", spec.config.api_key});
  return json_post(spec, method_url(spec.config, spec.model, spec.stream), build_body(spec), std::move(headers), error);
}

}  // namespace instructor::providers
