// Reading a Chat Completions reply, whole or streamed (PROVIDERS.md §1, 5-7):
// every document goes through ChatDocumentReader; this file frames it (SSE
// events, [DONE]) and turns bodies that are not JSON into clear errors.
#include <rapidjson/document.h>

#include "instructor/http/sse.h"
#include "openai_chat.h"
#include "openai_chat_document.h"
#include "rate_limits.h"

namespace instructor::providers {
namespace {

void not_json(std::string_view what, const std::string& why, std::string_view text, ReplySink& sink) {
  ProviderError error;
  error.message = std::string(what) + " is not JSON (" + why + "): " + std::string(text.substr(0, 200));
  error.type = "invalid_response";
  sink.error(std::move(error));
}

class OpenAiStreamDecoder final : public StreamDecoder {
 public:
  explicit OpenAiStreamDecoder(ReplySink& sink)
      : sink_(sink), reader_(sink, indexes_, "delta"), sse_([this](const http::SseEvent& event) { on_event(event); }) {}

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
    text_.assign(data);  // parsed in place: a copy the reader may change
    std::string why;
    if (!reader_.read(text_, why)) not_json("a stream event", why, data, sink_);
  }

  ReplySink& sink_;
  ToolCallIndexes indexes_;
  ChatDocumentReader reader_;
  http::SseDecoder sse_;
  std::string text_;
};

// Keeps only the error a body reports.
class ErrorCapture final : public ReplySink {
 public:
  void text(std::string_view) override {}
  void refusal(std::string_view) override {}
  void tool_call(int, std::string_view, std::string_view) override {}
  void tool_arguments(int, std::string_view) override {}
  void finish(FinishReason, std::string_view) override {}
  void usage(const Usage&) override {}
  void error(ProviderError error) override { captured = std::move(error); }
  void end() override {}
  ProviderError captured;
};

}  // namespace

void OpenAiChatAdapter::parse_body(std::string_view body, ReplySink& sink) const {
  std::string text(body);
  ToolCallIndexes indexes;
  ChatDocumentReader reader(sink, indexes, "message");
  std::string why;
  if (!reader.read(text, why)) return not_json("the response body", why, body, sink);
  sink.end();
}

std::unique_ptr<StreamDecoder> OpenAiChatAdapter::stream_decoder(ReplySink& sink) const {
  return std::make_unique<OpenAiStreamDecoder>(sink);
}

ProviderError OpenAiChatAdapter::parse_error_body(std::string_view body) const {
  ErrorCapture capture;
  ToolCallIndexes indexes;
  ChatDocumentReader reader(capture, indexes, "message");
  std::string text(body), why;
  if (reader.read(text, why) && !capture.captured.message.empty()) return capture.captured;
  // Mistral's flat {"object": "error", "message", "type", "code"}.
  rapidjson::Document doc;
  doc.Parse(body.data(), body.size());
  if (doc.HasParseError() || !doc.IsObject() || !doc.HasMember("message") || !doc["message"].IsString()) return {};
  ProviderError error;
  error.message = doc["message"].GetString();
  if (doc.HasMember("type") && doc["type"].IsString()) error.type = doc["type"].GetString();
  if (doc.HasMember("code") && doc["code"].IsString()) error.code = doc["code"].GetString();
  return error;
}

RateLimits OpenAiChatAdapter::rate_limits(const http::Response& response) const {
  return openai_rate_limits(response);
}

}  // namespace instructor::providers
