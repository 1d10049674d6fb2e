// Reading a Chat Completions reply, whole or streamed (PROVIDERS.md §1, 5-7):
// content, refusal and tool-call pieces, finish reasons, usage (with each
// provider's extras), and errors inside a 200.
#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <array>
#include <unordered_map>

#include "instructor/http/sse.h"
#include "openai_chat.h"
#include "rate_limits.h"

namespace instructor::providers {
namespace {

using JsonValue = rapidjson::Value;

// A small document for one event: its memory comes from a stack buffer first.
class EventDocument {
 public:
  EventDocument() : allocator_(buffer_.data(), buffer_.size()), doc_(&allocator_) {}
  rapidjson::Document& parse(std::string_view text) {
    doc_.Parse(text.data(), text.size());
    return doc_;
  }

 private:
  std::array<char, 8192> buffer_;
  rapidjson::MemoryPoolAllocator<> allocator_;
  rapidjson::Document doc_;
};

std::string_view string_of(const JsonValue& object, const char* name) {
  if (!object.IsObject()) return {};
  auto it = object.FindMember(name);
  if (it == object.MemberEnd() || !it->value.IsString()) return {};
  return {it->value.GetString(), it->value.GetStringLength()};
}

const JsonValue* member_of(const JsonValue& object, const char* name) {
  if (!object.IsObject()) return nullptr;
  auto it = object.FindMember(name);
  return it == object.MemberEnd() ? nullptr : &it->value;
}

std::int64_t count_of(const JsonValue* object, const char* name) {
  const JsonValue* v = object ? member_of(*object, name) : nullptr;
  return v && v->IsNumber() ? static_cast<std::int64_t>(v->GetDouble()) : 0;
}

FinishReason finish_reason_of(std::string_view raw) {
  if (raw == "stop" || raw == "end_turn" || raw == "eos") return FinishReason::stop;
  if (raw == "length" || raw == "model_length" || raw == "max_tokens") return FinishReason::length;
  if (raw == "tool_calls" || raw == "function_call") return FinishReason::tool_calls;
  if (raw == "content_filter") return FinishReason::content_filter;
  if (raw == "error") return FinishReason::error;
  return FinishReason::other;
}

// Every count in a usage object; the extras some providers add are kept by name.
Usage usage_of(const JsonValue& u) {
  Usage usage;
  usage.input_tokens = count_of(&u, "prompt_tokens");
  usage.output_tokens = count_of(&u, "completion_tokens");
  usage.total_tokens = count_of(&u, "total_tokens");
  usage.cached_input_tokens = count_of(member_of(u, "prompt_tokens_details"), "cached_tokens");
  usage.reasoning_tokens = count_of(member_of(u, "completion_tokens_details"), "reasoning_tokens");
  static constexpr std::array<const char*, 8> kExtras = {
      "prompt_cache_hit_tokens", "prompt_cache_miss_tokens",  // DeepSeek
      "cost",                                                 // OpenRouter
      "queue_time", "prompt_time", "completion_time", "total_time",  // Groq
      "cached_tokens"};
  for (const char* name : kExtras) {
    const JsonValue* v = member_of(u, name);
    if (v && v->IsNumber()) usage.extra.emplace_back(name, v->GetDouble());
  }
  if (usage.total_tokens == 0) usage.total_tokens = usage.input_tokens + usage.output_tokens;
  return usage;
}

ProviderError error_of(const JsonValue& error) {
  ProviderError out;
  if (error.IsString()) {
    out.message.assign(error.GetString(), error.GetStringLength());
    return out;
  }
  out.message = string_of(error, "message");
  out.type = string_of(error, "type");
  if (const JsonValue* code = member_of(error, "code"); code && code->IsNumber()) {
    out.code = std::to_string(code->GetInt64());
  } else {
    out.code = string_of(error, "code");
  }
  out.failed_generation = string_of(error, "failed_generation");
  if (out.message.empty()) out.message = "the provider reported an error without a message";
  return out;
}

// Arguments are a JSON string on the wire; a few servers send the object itself.
std::string arguments_text(const JsonValue& arguments) {
  if (arguments.IsString()) return {arguments.GetString(), arguments.GetStringLength()};
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  arguments.Accept(writer);
  return {buffer.GetString(), buffer.GetSize()};
}

// Tool-call indexes: given by the server, or (Mistral sends whole calls
// without one) the next free index, keyed by call id.
class ToolCallIndexes {
 public:
  int index_of(const JsonValue& call, int position) {
    if (const JsonValue* i = member_of(call, "index"); i && i->IsInt()) return remember(call, i->GetInt());
    std::string_view id = string_of(call, "id");
    if (!id.empty()) {
      if (auto it = by_id_.find(std::string(id)); it != by_id_.end()) return it->second;
      return remember(call, next_);
    }
    return last_ >= 0 ? last_ : position;
  }

 private:
  int remember(const JsonValue& call, int index) {
    std::string_view id = string_of(call, "id");
    if (!id.empty()) by_id_.emplace(std::string(id), index);
    last_ = index;
    if (index >= next_) next_ = index + 1;
    return index;
  }
  std::unordered_map<std::string, int> by_id_;
  int next_ = 0;
  int last_ = -1;
};

void emit_tool_calls(const JsonValue& calls, ToolCallIndexes& indexes, ReplySink& sink) {
  int position = 0;
  for (const JsonValue& call : calls.GetArray()) {
    const int index = indexes.index_of(call, position++);
    const JsonValue* function = member_of(call, "function");
    std::string_view id = string_of(call, "id");
    std::string_view name = function ? string_of(*function, "name") : std::string_view{};
    if (!id.empty() || !name.empty()) sink.tool_call(index, id, name);
    if (const JsonValue* args = function ? member_of(*function, "arguments") : nullptr; args && !args->IsNull()) {
      std::string text = arguments_text(*args);
      if (!text.empty()) sink.tool_arguments(index, text);
    }
  }
}

// The content of a message or delta: a string, or (some servers) a list of text parts.
void emit_content(const JsonValue& content, ReplySink& sink) {
  if (content.IsString()) {
    if (content.GetStringLength() > 0) sink.text({content.GetString(), content.GetStringLength()});
  } else if (content.IsArray()) {
    for (const JsonValue& part : content.GetArray()) {
      std::string_view text = string_of(part, "text");
      if (!text.empty()) sink.text(text);
    }
  }
}

// One choice of a whole body (`message`) or of a stream chunk (`delta`).
void emit_choice(const JsonValue& choice, const char* body_key, ToolCallIndexes& indexes, ReplySink& sink) {
  if (const JsonValue* message = member_of(choice, body_key); message && message->IsObject()) {
    if (const JsonValue* content = member_of(*message, "content")) emit_content(*content, sink);
    if (std::string_view refusal = string_of(*message, "refusal"); !refusal.empty()) sink.refusal(refusal);
    if (const JsonValue* calls = member_of(*message, "tool_calls"); calls && calls->IsArray()) {
      emit_tool_calls(*calls, indexes, sink);
    }
  }
  if (std::string_view reason = string_of(choice, "finish_reason"); !reason.empty()) {
    sink.finish(finish_reason_of(reason), reason);
  }
}

// A whole response or one stream chunk.
void emit_document(const JsonValue& doc, const char* body_key, ToolCallIndexes& indexes, ReplySink& sink) {
  // An in-band error ends the answer; its chunk may still carry the usage.
  const JsonValue* error = member_of(doc, "error");
  if (error && !error->IsNull()) sink.error(error_of(*error));
  const JsonValue* choices = error && !error->IsNull() ? nullptr : member_of(doc, "choices");
  if (choices && choices->IsArray()) {
    for (const JsonValue& choice : choices->GetArray()) {
      if (count_of(&choice, "index") == 0) emit_choice(choice, body_key, indexes, sink);
    }
  }
  if (const JsonValue* usage = member_of(doc, "usage"); usage && usage->IsObject()) {
    sink.usage(usage_of(*usage));
  } else if (const JsonValue* groq = member_of(doc, "x_groq"); groq && member_of(*groq, "usage")) {
    const JsonValue& u = *member_of(*groq, "usage");
    if (u.IsObject()) sink.usage(usage_of(u));
  }
}

void not_json(std::string_view what, const rapidjson::Document& doc, std::string_view text, ReplySink& sink) {
  ProviderError error;
  error.message = std::string(what) + " is not JSON (" + rapidjson::GetParseError_En(doc.GetParseError()) +
                  " at byte " + std::to_string(doc.GetErrorOffset()) + "): " +
                  std::string(text.substr(0, 200));
  error.type = "invalid_response";
  sink.error(std::move(error));
}

class OpenAiStreamDecoder final : public StreamDecoder {
 public:
  explicit OpenAiStreamDecoder(ReplySink& sink)
      : sink_(sink), sse_([this](const http::SseEvent& event) { on_event(event); }) {}

  bool feed(std::string_view bytes) override { return sse_.feed(bytes); }
  bool finish() override { return sse_.finish(); }
  std::string error() const override { return sse_.error(); }

 private:
  void on_event(const http::SseEvent& event) {
    std::string_view data = event.data;
    while (!data.empty() && (data.back() == ' ' || data.back() == '\r' || data.back() == '\n')) data.remove_suffix(1);
    if (data.empty()) return;
    if (data == "[DONE]") {
      sink_.end();
      return;
    }
    EventDocument holder;
    rapidjson::Document& doc = holder.parse(data);
    if (doc.HasParseError()) return not_json("a stream event", doc, data, sink_);
    emit_document(doc, "delta", indexes_, sink_);
  }

  ReplySink& sink_;
  http::SseDecoder sse_;
  ToolCallIndexes indexes_;
};

}  // namespace

void OpenAiChatAdapter::parse_body(std::string_view body, ReplySink& sink) const {
  rapidjson::Document doc;
  doc.Parse(body.data(), body.size());
  if (doc.HasParseError() || !doc.IsObject()) return not_json("the response body", doc, body, sink);
  ToolCallIndexes indexes;
  emit_document(doc, "message", indexes, sink);
  sink.end();
}

std::unique_ptr<StreamDecoder> OpenAiChatAdapter::stream_decoder(ReplySink& sink) const {
  return std::make_unique<OpenAiStreamDecoder>(sink);
}

ProviderError OpenAiChatAdapter::parse_error_body(std::string_view body) const {
  rapidjson::Document doc;
  doc.Parse(body.data(), body.size());
  if (doc.HasParseError() || !doc.IsObject()) return {};
  if (const JsonValue* error = member_of(doc, "error"); error && !error->IsNull()) return error_of(*error);
  if (!string_of(doc, "message").empty()) return error_of(doc);  // Mistral's flat {"object":"error","message",...}
  return {};
}

RateLimits OpenAiChatAdapter::rate_limits(const http::Response& response) const {
  return openai_rate_limits(response);
}

}  // namespace instructor::providers
