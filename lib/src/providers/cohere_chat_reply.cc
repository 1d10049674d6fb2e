// Reading Cohere v2 chat replies (PROVIDERS.md §5, §8), whole or streamed.
// A whole reply holds message.content[] text parts and tool_calls with string
// arguments; a stream is SSE whose data objects carry a "type":
// content-delta (text), tool-call-start / tool-call-delta (one tool_calls
// object each, by index), message-end (finish_reason and usage), and others
// (message-start, tool-plan-delta, content-start/-end, tool-call-end) that
// carry nothing the answer needs. No [DONE]: message-end ends the reply.
#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/pointer.h>

#include "cohere_chat.h"
#include "json_event_stream.h"

namespace instructor::providers {
namespace {

std::string_view string_at(const rapidjson::Value& root, const char* pointer) {
  const rapidjson::Value* value = rapidjson::Pointer(pointer).Get(root);
  if (value == nullptr || !value->IsString()) return {};
  return {value->GetString(), value->GetStringLength()};
}

std::int64_t count_at(const rapidjson::Value& root, const char* pointer) {
  const rapidjson::Value* value = rapidjson::Pointer(pointer).Get(root);
  return value != nullptr && value->IsNumber() ? static_cast<std::int64_t>(value->GetDouble()) : 0;
}

FinishReason cohere_finish_reason(std::string_view raw) {
  if (raw == "COMPLETE" || raw == "STOP_SEQUENCE") return FinishReason::stop;
  if (raw == "MAX_TOKENS") return FinishReason::length;
  if (raw == "TOOL_CALL") return FinishReason::tool_calls;
  if (raw == "ERROR" || raw == "TIMEOUT") return FinishReason::error;
  return FinishReason::other;
}

// Usage: tokens.* are the counts (§8); billed_units.* are kept as extras.
void report_usage(const rapidjson::Value& usage, ReplySink& sink) {
  Usage out;
  out.input_tokens = count_at(usage, "/tokens/input_tokens");
  out.output_tokens = count_at(usage, "/tokens/output_tokens");
  out.total_tokens = out.input_tokens + out.output_tokens;
  out.cached_input_tokens = count_at(usage, "/cached_tokens");
  if (const auto* billed = rapidjson::Pointer("/billed_units").Get(usage); billed != nullptr && billed->IsObject()) {
    out.extra.emplace_back("billed_input_tokens", static_cast<double>(count_at(usage, "/billed_units/input_tokens")));
    out.extra.emplace_back("billed_output_tokens", static_cast<double>(count_at(usage, "/billed_units/output_tokens")));
  }
  sink.usage(out);
}

void report_finish(std::string_view raw, ReplySink& sink) {
  if (!raw.empty()) sink.finish(cohere_finish_reason(raw), raw);
}

// Cohere's error object: {"message": "..."}.
bool report_if_error(const rapidjson::Value& doc, ReplySink& sink) {
  if (doc.HasMember("type") && string_at(doc, "/type") != "error") return false;
  std::string_view message = string_at(doc, "/message");
  if (message.empty()) message = string_at(doc, "/error/message");
  if (message.empty() && !doc.HasMember("type")) return false;
  ProviderError error;
  error.message = message.empty() ? "Cohere reported an error without a message" : std::string(message);
  sink.error(std::move(error));
  return true;
}

// One stream event's data object.
void read_event(const rapidjson::Value& event, ReplySink& sink) {
  const std::string_view type = string_at(event, "/type");
  const int index = static_cast<int>(count_at(event, "/index"));
  if (type == "content-delta") {
    if (std::string_view text = string_at(event, "/delta/message/content/text"); !text.empty()) sink.text(text);
  } else if (type == "tool-call-start") {
    sink.tool_call(index, string_at(event, "/delta/message/tool_calls/id"),
                   string_at(event, "/delta/message/tool_calls/function/name"));
    if (auto args = string_at(event, "/delta/message/tool_calls/function/arguments"); !args.empty()) {
      sink.tool_arguments(index, args);
    }
  } else if (type == "tool-call-delta") {
    if (auto args = string_at(event, "/delta/message/tool_calls/function/arguments"); !args.empty()) {
      sink.tool_arguments(index, args);
    }
  } else if (type == "message-end") {
    if (const auto* usage = rapidjson::Pointer("/delta/usage").Get(event); usage != nullptr && usage->IsObject()) {
      report_usage(*usage, sink);
    }
    report_finish(string_at(event, "/delta/finish_reason"), sink);
    sink.end();
  } else if (type.empty() || type == "error") {
    report_if_error(event, sink);
  }
}

}  // namespace

void CohereChatAdapter::parse_body(std::string_view body, ReplySink& sink) const {
  rapidjson::Document doc;
  doc.Parse(body.data(), body.size());
  if (doc.HasParseError() || !doc.IsObject()) return json_fields::report_not_json("the response body", doc, body, sink);
  if (!doc.HasMember("finish_reason") && report_if_error(doc, sink)) return;
  if (const auto* content = rapidjson::Pointer("/message/content").Get(doc); content != nullptr && content->IsArray()) {
    for (const rapidjson::Value& part : content->GetArray()) {
      if (part.IsObject() && string_at(part, "/type") == "text") {
        if (std::string_view text = string_at(part, "/text"); !text.empty()) sink.text(text);
      }
    }
  }
  if (const auto* calls = rapidjson::Pointer("/message/tool_calls").Get(doc); calls != nullptr && calls->IsArray()) {
    int index = 0;
    for (const rapidjson::Value& call : calls->GetArray()) {
      if (!call.IsObject()) continue;
      sink.tool_call(index, string_at(call, "/id"), string_at(call, "/function/name"));
      if (auto args = string_at(call, "/function/arguments"); !args.empty()) sink.tool_arguments(index, args);
      ++index;
    }
  }
  if (const auto* usage = rapidjson::Pointer("/usage").Get(doc); usage != nullptr && usage->IsObject()) {
    report_usage(*usage, sink);
  }
  report_finish(string_at(doc, "/finish_reason"), sink);
  sink.end();
}

std::unique_ptr<StreamDecoder> CohereChatAdapter::stream_decoder(ReplySink& sink) const {
  return std::make_unique<JsonEventStreamDecoder>(sink, [&sink](const rapidjson::Document& doc) { read_event(doc, sink); });
}

ProviderError CohereChatAdapter::parse_error_body(std::string_view body) const {
  rapidjson::Document doc;
  doc.Parse(body.data(), body.size());
  if (doc.HasParseError() || !doc.IsObject()) return {};
  ProviderError error;
  error.message = string_at(doc, "/message");
  return error;
}

RateLimits CohereChatAdapter::rate_limits(const http::Response&) const { return {}; }

}  // namespace instructor::providers
