// Building a Chat Completions request: messages, the mode's tools or
// response_format, sampling settings, streaming flags (PROVIDERS.md §1, 5-7).
#include "json_post.h"
#include "json_writer.h"
#include "openai_chat.h"
#include "openai_shapes.h"

namespace instructor::providers {
namespace {

constexpr std::string_view kAzureDefaultApiVersion = "2024-10-21";

bool ends_with(std::string_view text, std::string_view tail) {
  return text.size() >= tail.size() && text.substr(text.size() - tail.size()) == tail;
}

std::string_view wire_role(Role role, const Quirks& quirks) {
  if (role == Role::developer && !quirks.developer_role) return "system";
  return role_name(role);
}

void write_turn(JsonWriter& w, const Turn& turn, const Quirks& quirks) {
  w.begin_object();
  switch (turn.kind) {
    case Turn::Kind::message:
      w.key("role").string(wire_role(turn.message.role, quirks)).key("content");
      write_openai_content(w, turn.message.content);
      break;
    case Turn::Kind::tool_calls:
      w.key("role").string("assistant").key("content").null().key("tool_calls").begin_array();
      for (const ToolCall& call : turn.calls) {
        w.begin_object().key("id").string(call.id).key("type").string("function");
        w.key("function").begin_object().key("name").string(call.name).key("arguments").string(call.arguments);
        w.end_object().end_object();
      }
      w.end_array();
      break;
    case Turn::Kind::tool_result:
      w.key("role").string("tool").key("tool_call_id").string(turn.call_id);
      if (quirks.tool_result_name) w.key("name").string(turn.tool_name);
      w.key("content").string(turn.content);
      break;
  }
  w.end_object();
}

void write_tool_choice(JsonWriter& w, ToolChoice choice, std::string_view name) {
  switch (choice) {
    case ToolChoice::named:
      w.key("tool_choice").begin_object().key("type").string("function");
      w.key("function").begin_object().key("name").string(name).end_object().end_object();
      break;
    case ToolChoice::any: w.key("tool_choice").string("any"); break;
    case ToolChoice::required: w.key("tool_choice").string("required"); break;
    case ToolChoice::omitted: break;
  }
}

void write_tools(JsonWriter& w, const AttemptSpec& spec, const Quirks& quirks) {
  const bool strict = spec.mode == Mode::tools_strict;
  write_openai_function_tools(w, spec.tools, strict);
  if (spec.mode == Mode::parallel_tools) {
    write_tool_choice(w, quirks.any_choice, {});
  } else {
    write_tool_choice(w, quirks.forced_choice, spec.tools.front().name);
    if (quirks.single_tool_call_flag) w.key("parallel_tool_calls").boolean(false);
  }
}

void write_response_format(JsonWriter& w, const AttemptSpec& spec, const Quirks& quirks) {
  if (spec.mode == Mode::json) {
    w.key("response_format").begin_object().key("type").string("json_object").end_object();
  } else if (spec.mode == Mode::json_schema) {
    const ToolSpec& schema = spec.tools.front();
    w.key("response_format").begin_object().key("type").string("json_schema");
    w.key("json_schema").begin_object().key("name").string(schema.name);
    if (!schema.description.empty()) w.key("description").string(schema.description);
    w.key("schema").raw(*schema.parameters).key("strict").boolean(quirks.strict_json_schema);
    w.end_object().end_object();
  }
}

void write_sampling(JsonWriter& w, const Request& request, const Quirks& quirks) {
  if (request.temperature) w.key("temperature").number(*request.temperature);
  if (request.top_p) w.key("top_p").number(*request.top_p);
  if (request.max_tokens) {
    w.key(quirks.max_completion_tokens ? "max_completion_tokens" : "max_tokens").integer(*request.max_tokens);
  }
  if (!request.stop.empty()) {
    w.key("stop").begin_array();
    for (const std::string& s : request.stop) w.string(s);
    w.end_array();
  }
  if (request.seed) w.key(quirks.random_seed ? "random_seed" : "seed").integer(*request.seed);
}

std::string build_body(const AttemptSpec& spec) {
  const Quirks& quirks = spec.config.spec->quirks;
  JsonWriter w;
  w.begin_object().key("model").string(spec.model).key("messages").begin_array();
  if (!spec.schema_prompt.empty()) {
    w.begin_object().key("role").string("system").key("content").string(spec.schema_prompt).end_object();
  }
  for (const Turn& turn : spec.conversation) write_turn(w, turn, quirks);
  w.end_array();
  if (answers_with_tools(spec.mode)) write_tools(w, spec, quirks);
  write_response_format(w, spec, quirks);
  if (quirks.require_parameters && spec.mode != Mode::md_json) {
    w.key("provider").begin_object().key("require_parameters").boolean(true).end_object();
  }
  write_sampling(w, spec.request, quirks);
  if (spec.stream) {
    w.key("stream").boolean(true);
    if (quirks.stream_usage_option) w.key("stream_options").begin_object().key("include_usage").boolean(true).end_object();
  }
  w.end_object();
  return w.take();
}

}  // namespace

std::string openai_chat_url(const ProviderConfig& config, std::string_view model) {
  if (!config.spec->quirks.azure_urls) return config.base_url + "/chat/completions";
  if (ends_with(config.base_url, "/openai/v1")) return config.base_url + "/chat/completions";
  if (config.api_version == "v1") return config.base_url + "/openai/v1/chat/completions";
  std::string version = config.api_version.empty() ? std::string(kAzureDefaultApiVersion) : config.api_version;
  return config.base_url + "/openai/deployments/" + std::string(model) + "/chat/completions?api-version=" + version;
}

// Strict mode where OpenAI-style strict enforcement is on; Ollama's grammar
// subset where the schema becomes Ollama's format; the schema as generated elsewhere.
SchemaDialect OpenAiChatAdapter::schema_dialect(Mode mode, const ProviderConfig& config) const {
  const Quirks& quirks = config.spec->quirks;
  if (mode == Mode::json_schema && quirks.ollama_format) return SchemaDialect::ollama;
  const bool strict = mode == Mode::tools_strict || (mode == Mode::json_schema && quirks.strict_json_schema);
  return strict ? SchemaDialect::openai_strict : SchemaDialect::plain;
}

http::Request OpenAiChatAdapter::build_request(const AttemptSpec& spec, std::string& error) const {
  return json_post(spec, openai_chat_url(spec.config, spec.model), build_body(spec), openai_auth(spec.config), error);
}

}  // namespace instructor::providers
