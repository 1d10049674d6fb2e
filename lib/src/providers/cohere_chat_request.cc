// Building a Cohere v2 /v2/chat request (PROVIDERS.md §5): messages (tool
// calls with string arguments, tool results by tool_call_id), tools with
// tool_choice "REQUIRED" (a single offered tool is thereby forced) and
// strict_tools for TOOLS_STRICT, response_format json_object with the schema
// in json_schema, and Cohere's names for sampling settings ("p", "stop_sequences").
#include "cohere_chat.h"
#include "json_post.h"
#include "json_writer.h"
#include "openai_shapes.h"

namespace instructor::providers {
namespace {

std::string_view wire_role(Role role) {
  if (role == Role::developer) return "system";
  return role_name(role);
}

void write_turn(JsonWriter& w, const Turn& turn) {
  w.begin_object();
  switch (turn.kind) {
    case Turn::Kind::message:
      w.key("role").string(wire_role(turn.message.role)).key("content");
      write_openai_content(w, turn.message.content);
      break;
    case Turn::Kind::tool_calls:
      w.key("role").string("assistant").key("tool_calls").begin_array();
      for (const ToolCall& call : turn.calls) {
        w.begin_object().key("id").string(call.id).key("type").string("function");
        w.key("function").begin_object().key("name").string(call.name).key("arguments").string(call.arguments);
        w.end_object().end_object();
      }
      w.end_array();
      break;
    case Turn::Kind::tool_result:
      w.key("role").string("tool").key("tool_call_id").string(turn.call_id).key("content").string(turn.content);
      break;
  }
  w.end_object();
}

void write_tools(JsonWriter& w, const AttemptSpec& spec) {
  write_openai_function_tools(w, spec.tools, false);
  // Cohere cannot name the tool to call: "REQUIRED" forces a call, and with
  // one tool offered that is the call wanted.
  w.key("tool_choice").string("REQUIRED");
  if (spec.mode == Mode::tools_strict) w.key("strict_tools").boolean(true);
}

void write_response_format(JsonWriter& w, const AttemptSpec& spec) {
  if (spec.mode != Mode::json && spec.mode != Mode::json_schema) return;
  w.key("response_format").begin_object().key("type").string("json_object");
  if (spec.mode == Mode::json_schema) w.key("json_schema").raw(*spec.tools.front().parameters);
  w.end_object();
}

void write_sampling(JsonWriter& w, const Request& request) {
  if (request.temperature) w.key("temperature").number(*request.temperature);
  if (request.top_p) w.key("p").number(*request.top_p);
  if (request.max_tokens) w.key("max_tokens").integer(*request.max_tokens);
  if (!request.stop.empty()) {
    w.key("stop_sequences").begin_array();
    for (const std::string& s : request.stop) w.string(s);
    w.end_array();
  }
  if (request.seed) w.key("seed").integer(*request.seed);
}

std::string build_body(const AttemptSpec& spec) {
  JsonWriter w;
  w.begin_object().key("model").string(spec.model).key("messages").begin_array();
  if (!spec.schema_prompt.empty()) {
    w.begin_object().key("role").string("system").key("content").string(spec.schema_prompt).end_object();
  }
  for (const Turn& turn : spec.conversation) write_turn(w, turn);
  w.end_array();
  if (answers_with_tools(spec.mode)) write_tools(w, spec);
  write_response_format(w, spec);
  write_sampling(w, spec.request);
  if (spec.stream) w.key("stream").boolean(true);
  w.end_object();
  return w.take();
}

}  // namespace

// Cohere takes the schema as generated; strict_tools enforces it on its side.
SchemaDialect CohereChatAdapter::schema_dialect(Mode, const ProviderConfig&) const { return SchemaDialect::plain; }

http::Request CohereChatAdapter::build_request(const AttemptSpec& spec, std::string& error) const {
  return json_post(spec, spec.config.base_url + "/v2/chat", build_body(spec), bearer_auth(spec.config), error);
}

}  // namespace instructor::providers
