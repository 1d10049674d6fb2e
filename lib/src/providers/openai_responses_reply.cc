// Reading a Responses API reply (PROVIDERS.md §1 "Responses API", §8): a whole
// response object, or its typed SSE events (output_item.added,
// function_call_arguments.delta, output_text.delta, refusal.delta, one
// terminal response.completed / .incomplete / .failed carrying the usage, and
// an `error` event with its fields nested or flat). Each document is small,
// so each is read into a DOM.
#include <unordered_map>

#include "json_event_stream.h"
#include "json_fields.h"
#include "openai_chat.h"
#include "openai_responses.h"
#include "rate_limits.h"

namespace instructor::providers {
namespace {

using rapidjson::Value;
using namespace json_fields;

// An error object {"code","message","type"?,"param"?}; `holder` is the object itself.
ProviderError error_from(const Value& holder) {
  ProviderError out;
  out.message = string_of(holder, "message");
  out.code = string_of(holder, "code");
  out.type = string_of(holder, "type");
  if (out.type.empty() || out.type == "error") out.type = out.code;
  if (out.message.empty()) out.message = "the provider reported an error without a message";
  return out;
}

// An `error` event: {"type":"error","error":{...}} on the wire, flat in the SDK's type.
ProviderError error_event(const Value& doc) {
  const Value* nested = member(doc, "error");
  return nested != nullptr && nested->IsObject() ? error_from(*nested) : error_from(doc);
}

Usage usage_of(const Value& usage) {
  Usage out;
  out.input_tokens = count_of(usage, "input_tokens").value_or(0);
  out.output_tokens = count_of(usage, "output_tokens").value_or(0);
  out.total_tokens = count_of(usage, "total_tokens").value_or(out.input_tokens + out.output_tokens);
  if (const Value* details = member(usage, "input_tokens_details")) {
    out.cached_input_tokens = count_of(*details, "cached_tokens").value_or(0);
  }
  if (const Value* details = member(usage, "output_tokens_details")) {
    out.reasoning_tokens = count_of(*details, "reasoning_tokens").value_or(0);
  }
  return out;
}

// How a response with `status` ended; `called` is whether it holds a function call.
void report_end(const Value& response, bool called, bool error_reported, ReplySink& sink) {
  if (const Value* usage = member(response, "usage"); usage != nullptr && usage->IsObject()) {
    sink.usage(usage_of(*usage));
  }
  std::string_view status = string_of(response, "status");
  if (status == "completed") {
    sink.finish(called ? FinishReason::tool_calls : FinishReason::stop, status);
  } else if (status == "incomplete") {
    std::string_view reason;
    if (const Value* details = member(response, "incomplete_details")) reason = string_of(*details, "reason");
    if (reason == "max_output_tokens") {
      sink.finish(FinishReason::length, reason);
    } else if (reason == "content_filter") {
      sink.finish(FinishReason::content_filter, reason);
    } else {
      sink.finish(FinishReason::other, reason.empty() ? status : reason);
    }
  } else if (status == "failed") {
    const Value* error = member(response, "error");
    if (!error_reported) {
      sink.error(error != nullptr && error->IsObject() ? error_from(*error)
                                                       : ProviderError{"the response failed without an error", "failed", "", ""});
    }
    sink.finish(FinishReason::error, status);
  } else if (!status.empty()) {
    sink.finish(FinishReason::other, status);  // cancelled, queued, in_progress
  }
}

// A message item's output_text and refusal parts.
void read_message_item(const Value& item, ReplySink& sink) {
  const Value* content = member(item, "content");
  if (content == nullptr || !content->IsArray()) return;
  for (const Value& part : content->GetArray()) {
    std::string_view type = string_of(part, "type");
    if (type == "output_text") sink.text(string_of(part, "text"));
    if (type == "refusal") sink.refusal(string_of(part, "refusal"));
  }
}

void read_response(const Value& response, ReplySink& sink) {
  bool called = false;
  if (const Value* output = member(response, "output"); output != nullptr && output->IsArray()) {
    int index = 0;
    for (const Value& item : output->GetArray()) {
      std::string_view type = string_of(item, "type");
      if (type == "message") {
        read_message_item(item, sink);
      } else if (type == "function_call") {
        called = true;
        sink.tool_call(index, string_of(item, "call_id"), string_of(item, "name"));
        std::string_view arguments = string_of(item, "arguments");
        sink.tool_arguments(index, arguments.empty() ? "{}" : arguments);
      }
      ++index;  // reasoning and other items take an index too, as in a stream
    }
  }
  report_end(response, called, false, sink);
  sink.end();
}

// The typed events of a stream, one document at a time.
class ResponsesEventReader {
 public:
  explicit ResponsesEventReader(ReplySink& sink) : sink_(sink) {}

  void read(const Value& doc) {
    std::string_view type = string_of(doc, "type");
    if (type == "response.output_item.added") {
      item_added(doc);
    } else if (type == "response.function_call_arguments.delta") {
      arguments_delta(doc);
    } else if (type == "response.output_item.done") {
      item_done(doc);
    } else if (type == "response.output_text.delta") {
      if (std::string_view delta = string_of(doc, "delta"); !delta.empty()) sink_.text(delta);
    } else if (type == "response.refusal.delta") {
      if (std::string_view delta = string_of(doc, "delta"); !delta.empty()) sink_.refusal(delta);
    } else if (type == "response.completed" || type == "response.incomplete" || type == "response.failed") {
      if (const Value* response = member(doc, "response")) report_end(*response, called_, error_reported_, sink_);
      sink_.end();
    } else if (type == "error") {
      error_reported_ = true;
      sink_.error(error_event(doc));
    }
    // created, in_progress, content_part.*, *.done and event types this library does not know are skipped.
  }

 private:
  static int index_of(const Value& doc) { return static_cast<int>(count_of(doc, "output_index").value_or(0)); }

  void item_added(const Value& doc) {
    const Value* item = member(doc, "item");
    if (item == nullptr || string_of(*item, "type") != "function_call") return;
    const int index = index_of(doc);
    called_ = true;
    sink_.tool_call(index, string_of(*item, "call_id"), string_of(*item, "name"));
    std::string_view arguments = string_of(*item, "arguments");
    if (!arguments.empty()) sink_.tool_arguments(index, arguments);
    open_calls_[index] = !arguments.empty();
  }

  void arguments_delta(const Value& doc) {
    auto call = open_calls_.find(index_of(doc));
    std::string_view delta = string_of(doc, "delta");
    if (call == open_calls_.end() || delta.empty()) return;
    sink_.tool_arguments(call->first, delta);
    call->second = true;
  }

  // A call whose arguments never streamed gets them from the finished item, else {}.
  void item_done(const Value& doc) {
    auto call = open_calls_.find(index_of(doc));
    if (call == open_calls_.end()) return;
    if (!call->second) {
      const Value* item = member(doc, "item");
      std::string_view arguments = item != nullptr ? string_of(*item, "arguments") : std::string_view();
      sink_.tool_arguments(call->first, arguments.empty() ? "{}" : arguments);
    }
    open_calls_.erase(call);
  }

  ReplySink& sink_;
  std::unordered_map<int, bool> open_calls_;  // function_call items still streaming: whether arguments arrived
  bool called_ = false;
  bool error_reported_ = false;
};

}  // namespace

void OpenAiResponsesAdapter::parse_body(std::string_view body, ReplySink& sink) const {
  rapidjson::Document doc;
  doc.Parse(body.data(), body.size());
  if (doc.HasParseError()) return report_not_json("the response body", doc, body, sink);
  read_response(doc, sink);
}

std::unique_ptr<StreamDecoder> OpenAiResponsesAdapter::stream_decoder(ReplySink& sink) const {
  return std::make_unique<JsonEventStreamDecoder>(
      sink, [reader = std::make_shared<ResponsesEventReader>(sink)](const rapidjson::Document& doc) { reader->read(doc); });
}

// The same {"error":{message,type,param,code}} envelope as Chat Completions.
ProviderError OpenAiResponsesAdapter::parse_error_body(std::string_view body) const {
  static const OpenAiChatAdapter chat;
  return chat.parse_error_body(body);
}

RateLimits OpenAiResponsesAdapter::rate_limits(const http::Response& response) const {
  return openai_rate_limits(response);
}

}  // namespace instructor::providers
