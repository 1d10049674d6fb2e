// Reading a generateContent reply (PROVIDERS.md §3, §8): a whole response,
// or an alt=sse stream whose every event is a whole response carrying the
// next text pieces, whole function calls, running usage totals and, last,
// the finishReason. Thought parts are skipped; thought signatures are handed
// to the sink so a re-ask can echo them.
#include "gemini.h"
#include "json_event_stream.h"
#include "json_fields.h"
#include "rate_limits.h"

namespace instructor::providers {
namespace {

using rapidjson::Value;
using namespace json_fields;

// {"error":{"code","message","status","details"}}: the error, or none. The
// status ("RESOURCE_EXHAUSTED") is its type; the numeric code repeats the HTTP status.
std::optional<ProviderError> error_of(const Value& doc) {
  const Value* error = member(doc, "error");
  if (error == nullptr || !error->IsObject()) return std::nullopt;
  ProviderError out;
  out.message = string_of(*error, "message");
  out.type = string_of(*error, "status");
  if (out.message.empty()) out.message = "the provider reported an error without a message";
  return out;
}

// usageMetadata: thoughts are billed as output; cached tokens are part of the prompt count.
Usage usage_of(const Value& metadata) {
  Usage usage;
  usage.input_tokens = count_of(metadata, "promptTokenCount").value_or(0);
  usage.cached_input_tokens = count_of(metadata, "cachedContentTokenCount").value_or(0);
  usage.reasoning_tokens = count_of(metadata, "thoughtsTokenCount").value_or(0);
  usage.output_tokens = count_of(metadata, "candidatesTokenCount").value_or(0) + usage.reasoning_tokens;
  usage.total_tokens = count_of(metadata, "totalTokenCount").value_or(usage.input_tokens + usage.output_tokens);
  if (auto tool_prompt = count_of(metadata, "toolUsePromptTokenCount")) {
    usage.extra.emplace_back("tool_use_prompt_tokens", static_cast<double>(*tool_prompt));
  }
  return usage;
}

// Reads responses (one per whole body, one per stream event) into the sink;
// function calls are numbered across the events of a stream.
class ResponseReader {
 public:
  explicit ResponseReader(ReplySink& sink) : sink_(sink) {}

  void read(const Value& doc) {
    if (auto error = error_of(doc)) {
      sink_.error(std::move(*error));
      return;
    }
    if (const Value* metadata = member(doc, "usageMetadata"); metadata != nullptr && metadata->IsObject()) {
      sink_.usage(usage_of(*metadata));
    }
    const Value* candidates = member(doc, "candidates");
    if (candidates != nullptr && candidates->IsArray() && !candidates->Empty()) {
      read_candidate((*candidates)[0]);
      return;
    }
    // A blocked prompt: no candidates, only the reason.
    if (const Value* feedback = member(doc, "promptFeedback")) {
      std::string_view reason = string_of(*feedback, "blockReason");
      if (!reason.empty()) sink_.finish(FinishReason::content_filter, reason);
    }
  }

 private:
  void read_candidate(const Value& candidate) {
    const Value* content = member(candidate, "content");
    const Value* parts = content != nullptr ? member(*content, "parts") : nullptr;  // none after MAX_TOKENS at times
    if (parts != nullptr && parts->IsArray()) {
      for (const Value& part : parts->GetArray()) read_part(part);
    }
    std::string_view reason = string_of(candidate, "finishReason");
    if (!reason.empty()) sink_.finish(gemini_finish_reason(reason), reason);
  }

  void read_part(const Value& part) {
    const Value* thought = member(part, "thought");
    if (thought != nullptr && thought->IsBool() && thought->GetBool()) return;
    std::string_view signature = string_of(part, "thoughtSignature");
    if (const Value* call = member(part, "functionCall"); call != nullptr && call->IsObject()) {
      // Vertex's streamFunctionCallArguments option (never asked for here) splits a call over events.
      if (member(*call, "partialArgs") != nullptr || member(*call, "willContinue") != nullptr) {
        ProviderError error;
        error.message = "function-call arguments streamed in pieces (Vertex streamFunctionCallArguments) are not "
                        "supported: leave that option off";
        error.type = "unsupported_response";
        sink_.error(std::move(error));
        return;
      }
      const int index = calls_++;
      sink_.tool_call(index, string_of(*call, "id"), string_of(*call, "name"));
      const Value* args = member(*call, "args");
      sink_.tool_arguments(index, args != nullptr && args->IsObject() ? compact(*args) : "{}");
      if (!signature.empty()) sink_.state(index, signature);
      return;
    }
    std::string_view text = string_of(part, "text");
    if (!text.empty()) sink_.text(text);
    if (!signature.empty()) sink_.state(-1, signature);
  }

  ReplySink& sink_;
  int calls_ = 0;
};

}  // namespace

FinishReason gemini_finish_reason(std::string_view reason) {
  if (reason == "STOP") return FinishReason::stop;
  if (reason == "MAX_TOKENS") return FinishReason::length;
  if (reason == "SAFETY" || reason == "RECITATION" || reason == "BLOCKLIST" || reason == "PROHIBITED_CONTENT" ||
      reason == "SPII" || reason.rfind("IMAGE_", 0) == 0) {
    return FinishReason::content_filter;
  }
  // LANGUAGE, OTHER, MALFORMED_FUNCTION_CALL, UNEXPECTED_TOOL_CALL, TOO_MANY_TOOL_CALLS...
  return FinishReason::other;
}

void GeminiAdapter::parse_body(std::string_view body, ReplySink& sink) const {
  rapidjson::Document doc;
  doc.Parse(body.data(), body.size());
  if (doc.HasParseError()) return report_not_json("the response body", doc, body, sink);
  ResponseReader(sink).read(doc);
  sink.end();
}

std::optional<std::chrono::milliseconds> GeminiAdapter::retry_delay(const http::Response& response) const {
  rapidjson::Document doc;
  doc.Parse(response.body.data(), response.body.size());
  const Value* error = doc.HasParseError() ? nullptr : member(doc, "error");
  const Value* details = error != nullptr ? member(*error, "details") : nullptr;
  if (details == nullptr || !details->IsArray()) return std::nullopt;
  constexpr std::string_view kRetryInfo = "google.rpc.RetryInfo";
  for (const Value& detail : details->GetArray()) {
    std::string_view type = string_of(detail, "@type");
    if (type.size() < kRetryInfo.size() || type.substr(type.size() - kRetryInfo.size()) != kRetryInfo) continue;
    return parse_reset_duration(string_of(detail, "retryDelay"));
  }
  return std::nullopt;
}

std::unique_ptr<StreamDecoder> GeminiAdapter::stream_decoder(ReplySink& sink) const {
  return std::make_unique<JsonEventStreamDecoder>(
      sink, [reader = std::make_shared<ResponseReader>(sink)](const rapidjson::Document& doc) { reader->read(doc); });
}

ProviderError GeminiAdapter::parse_error_body(std::string_view body) const {
  rapidjson::Document doc;
  doc.Parse(body.data(), body.size());
  if (doc.HasParseError()) return {};
  return error_of(doc).value_or(ProviderError());
}

}  // namespace instructor::providers
