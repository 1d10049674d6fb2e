// Reading Ollama /api/chat replies (PROVIDERS.md §4): one JSON object a line
// when streamed (NDJSON), the same object whole otherwise. Text in
// message.content, whole tool calls with object arguments, the end at
// "done":true with done_reason and the counts (a missing count is 0), and an
// {"error": "..."} line that can arrive mid-stream after a 200.
#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "instructor/http/ndjson.h"
#include "ollama_chat.h"

namespace instructor::providers {
namespace {

std::string_view string_member(const rapidjson::Value& object, const char* name) {
  auto it = object.FindMember(name);
  if (it == object.MemberEnd() || !it->value.IsString()) return {};
  return {it->value.GetString(), it->value.GetStringLength()};
}

std::int64_t count_member(const rapidjson::Value& object, const char* name) {
  auto it = object.FindMember(name);
  return it != object.MemberEnd() && it->value.IsNumber() ? static_cast<std::int64_t>(it->value.GetDouble()) : 0;
}

std::string compact(const rapidjson::Value& value) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  value.Accept(writer);
  return {buffer.GetString(), buffer.GetSize()};
}

FinishReason ollama_finish_reason(std::string_view raw, bool called_tools) {
  if (raw == "length") return FinishReason::length;
  if (raw == "stop" || raw.empty()) return called_tools ? FinishReason::tool_calls : FinishReason::stop;
  return FinishReason::other;  // "load", "unload"
}

// Reads the objects of one reply, line after line: tool calls get indexes in
// the order they arrive (each comes whole, in its own line or with others).
class OllamaLineReader {
 public:
  explicit OllamaLineReader(ReplySink& sink) : sink_(sink) {}

  void read(std::string_view line) {
    rapidjson::Document doc;
    doc.Parse(line.data(), line.size());
    if (doc.HasParseError() || !doc.IsObject()) {
      ProviderError error;
      error.message = "a reply line is not a JSON object (" +
                      std::string(doc.HasParseError() ? rapidjson::GetParseError_En(doc.GetParseError()) : "not an object") +
                      "): " + std::string(line.substr(0, 200));
      error.type = "invalid_response";
      sink_.error(std::move(error));
      return;
    }
    if (auto it = doc.FindMember("error"); it != doc.MemberEnd()) return report_error(it->value);
    if (auto it = doc.FindMember("message"); it != doc.MemberEnd() && it->value.IsObject()) read_message(it->value);
    if (auto it = doc.FindMember("done"); it != doc.MemberEnd() && it->value.IsTrue()) read_end(doc);
  }

 private:
  void report_error(const rapidjson::Value& value) {
    ProviderError error;
    if (value.IsString()) error.message = value.GetString();
    else if (value.IsObject()) error.message = string_member(value, "message");
    if (error.message.empty()) error.message = "Ollama reported an error without a message";
    // After a 200 the request was accepted: the model run failed on the
    // server (runner crash, out of memory), which another try may not see.
    error.type = "server_error";
    sink_.error(std::move(error));
  }

  void read_message(const rapidjson::Value& message) {
    if (std::string_view content = string_member(message, "content"); !content.empty()) sink_.text(content);
    auto calls = message.FindMember("tool_calls");
    if (calls == message.MemberEnd() || !calls->value.IsArray()) return;
    for (const rapidjson::Value& call : calls->value.GetArray()) {
      if (!call.IsObject()) continue;
      auto function = call.FindMember("function");
      if (function == call.MemberEnd() || !function->value.IsObject()) continue;
      const int index = next_index_++;
      sink_.tool_call(index, string_member(call, "id"), string_member(function->value, "name"));
      auto arguments = function->value.FindMember("arguments");
      if (arguments == function->value.MemberEnd()) continue;
      if (arguments->value.IsString()) {
        sink_.tool_arguments(index, {arguments->value.GetString(), arguments->value.GetStringLength()});
      } else {
        sink_.tool_arguments(index, compact(arguments->value));
      }
    }
  }

  void read_end(const rapidjson::Value& doc) {
    Usage usage;
    usage.input_tokens = count_member(doc, "prompt_eval_count");
    usage.output_tokens = count_member(doc, "eval_count");
    usage.total_tokens = usage.input_tokens + usage.output_tokens;
    if (std::int64_t ns = count_member(doc, "total_duration"); ns > 0) {
      usage.extra.emplace_back("total_duration_ms", static_cast<double>(ns) / 1e6);
    }
    sink_.usage(usage);
    const std::string_view raw = string_member(doc, "done_reason");
    sink_.finish(ollama_finish_reason(raw, next_index_ > 0), raw);
    sink_.end();
  }

  ReplySink& sink_;
  int next_index_ = 0;
};

class OllamaStreamDecoder final : public StreamDecoder {
 public:
  explicit OllamaStreamDecoder(ReplySink& sink)
      : reader_(sink), lines_([this](std::string_view line) { reader_.read(line); }) {}

  bool feed(std::string_view bytes) override { return lines_.feed(bytes); }
  bool finish() override { return lines_.finish(); }
  std::string error() const override { return lines_.error(); }

 private:
  OllamaLineReader reader_;
  http::NdjsonDecoder lines_;
};

}  // namespace

void OllamaChatAdapter::parse_body(std::string_view body, ReplySink& sink) const {
  OllamaLineReader reader(sink);
  reader.read(body);
  sink.end();
}

std::unique_ptr<StreamDecoder> OllamaChatAdapter::stream_decoder(ReplySink& sink) const {
  return std::make_unique<OllamaStreamDecoder>(sink);
}

ProviderError OllamaChatAdapter::parse_error_body(std::string_view body) const {
  rapidjson::Document doc;
  doc.Parse(body.data(), body.size());
  if (doc.HasParseError() || !doc.IsObject()) return {};
  ProviderError error;
  if (auto it = doc.FindMember("error"); it != doc.MemberEnd()) {
    if (it->value.IsString()) error.message = it->value.GetString();
    else if (it->value.IsObject()) error.message = string_member(it->value, "message");
  }
  return error;
}

RateLimits OllamaChatAdapter::rate_limits(const http::Response&) const { return {}; }

}  // namespace instructor::providers
