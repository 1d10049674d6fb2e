#include "ollama_replies.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace instructor::testing {
namespace {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

void str(Writer& w, std::string_view s) { w.String(s.data(), static_cast<rapidjson::SizeType>(s.size())); }

void write_head(Writer& w) {
  w.Key("model"); str(w, "qwen3:4b");
  w.Key("created_at"); str(w, "2026-01-01T00:00:00.000000001Z");
}

// One reply object: the message written by `message`, then the end fields when `done_reason` is given.
template <typename Message>
std::string reply_object(Message message, std::string_view done_reason, OllamaCounts counts, bool done) {
  rapidjson::StringBuffer b;
  Writer w(b);
  w.StartObject();
  write_head(w);
  w.Key("message"); w.StartObject();
  w.Key("role"); str(w, "assistant");
  message(w);
  w.EndObject();
  w.Key("done"); w.Bool(done);
  if (done) {
    w.Key("done_reason"); str(w, done_reason);
    w.Key("total_duration"); w.Int64(512000000);
    if (counts.prompt > 0) { w.Key("prompt_eval_count"); w.Int(counts.prompt); }
    if (counts.eval > 0) { w.Key("eval_count"); w.Int(counts.eval); }
  }
  w.EndObject();
  return std::string(b.GetString(), b.GetSize());
}

void write_content(Writer& w, std::string_view content) {
  w.Key("content"); str(w, content);
}

void write_calls(Writer& w, const std::vector<OllamaToolCall>& calls) {
  w.Key("content"); str(w, "");
  w.Key("tool_calls"); w.StartArray();
  int index = 0;
  for (const OllamaToolCall& call : calls) {
    w.StartObject();
    w.Key("function"); w.StartObject();
    w.Key("index"); w.Int(index++);
    w.Key("name"); str(w, call.name);
    w.Key("arguments"); w.RawValue(call.arguments.data(), call.arguments.size(), rapidjson::kObjectType);
    w.EndObject();
    w.EndObject();
  }
  w.EndArray();
}

std::string done_line(std::string_view done_reason, OllamaCounts counts) {
  return reply_object([](Writer& w) { write_content(w, ""); }, done_reason, counts, true) + "\n";
}

}  // namespace

std::string ollama_content_body(std::string_view content, std::string_view done_reason, OllamaCounts counts) {
  return reply_object([&](Writer& w) { write_content(w, content); }, done_reason, counts, true);
}

std::string ollama_tool_calls_body(const std::vector<OllamaToolCall>& calls, OllamaCounts counts) {
  return reply_object([&](Writer& w) { write_calls(w, calls); }, "stop", counts, true);
}

std::string ollama_error_body(std::string_view message) {
  rapidjson::StringBuffer b;
  Writer w(b);
  w.StartObject();
  w.Key("error"); str(w, message);
  w.EndObject();
  return std::string(b.GetString(), b.GetSize());
}

std::string ollama_content_stream(std::string_view content, std::size_t fragment, std::string_view done_reason,
                                  OllamaCounts counts) {
  std::string stream;
  for (std::size_t at = 0; at < content.size(); at += fragment) {
    std::string_view piece = content.substr(at, fragment);
    stream += reply_object([&](Writer& w) { write_content(w, piece); }, {}, counts, false) + "\n";
  }
  return stream + done_line(done_reason, counts);
}

std::string ollama_tool_calls_stream(const std::vector<OllamaToolCall>& calls, OllamaCounts counts) {
  std::string stream;
  for (const OllamaToolCall& call : calls) {
    stream += reply_object([&](Writer& w) { write_calls(w, {call}); }, {}, counts, false) + "\n";
  }
  return stream + done_line("stop", counts);
}

std::string ollama_stream_failing(std::string_view content, std::string_view error) {
  return reply_object([&](Writer& w) { write_content(w, content); }, {}, {}, false) + "\n" + ollama_error_body(error) +
         "\n";
}

ScriptedResponse ollama_json_reply(std::string body) { return ScriptedResponse::json(200, std::move(body)); }

ScriptedResponse ndjson_reply(const std::string& stream, std::size_t piece) {
  return ScriptedResponse::trickle(stream, "application/x-ndjson", piece, Milliseconds(0));
}

}  // namespace instructor::testing
