// The stream decoder of the wire formats whose SSE events each carry one JSON
// document (Anthropic, Gemini, Cohere, OpenAI's Responses API): framing,
// trailing padding, parsing, and a clear error for an event that is not a
// JSON object. What a document means is the adapter's `read` function.
#pragma once

#include <functional>

#include "adapter.h"
#include "instructor/http/sse.h"
#include "json_fields.h"

namespace instructor::providers {

class JsonEventStreamDecoder final : public StreamDecoder {
 public:
  using Read = std::function<void(const rapidjson::Document&)>;

  JsonEventStreamDecoder(ReplySink& sink, Read read)
      : sink_(sink), read_(std::move(read)), sse_([this](const http::SseEvent& event) { on_event(event); }) {}

  bool feed(std::string_view bytes) override { return sse_.feed(bytes); }
  bool finish() override { return sse_.finish(); }
  std::string error() const override { return sse_.error(); }

 private:
  void on_event(const http::SseEvent& event) {
    std::string_view data = json_fields::trimmed(event.data);
    if (data.empty()) return;
    rapidjson::Document doc;
    doc.Parse(data.data(), data.size());
    if (doc.HasParseError() || !doc.IsObject()) return json_fields::report_not_json("a stream event", doc, data, sink_);
    read_(doc);
  }

  ReplySink& sink_;
  Read read_;
  http::SseDecoder sse_;
};

}  // namespace instructor::providers
