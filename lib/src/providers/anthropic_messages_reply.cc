// Reading a Messages API reply (PROVIDERS.md §2, §8): a whole message, or its
// typed SSE events (message_start, content_block_start/delta/stop,
// message_delta with cumulative usage, message_stop, ping anywhere, error
// mid-stream). Each document is small, so each is read into a DOM.
#include <unordered_map>

#include "anthropic_messages.h"
#include "json_event_stream.h"
#include "json_fields.h"
#include "rate_limits.h"

namespace instructor::providers {
namespace {

using rapidjson::Value;
using namespace json_fields;

// {"type":"error","error":{"type","message"}}: the error, or none.
std::optional<ProviderError> error_of(const Value& doc) {
  const Value* error = member(doc, "error");
  if (error == nullptr || !error->IsObject()) return std::nullopt;
  ProviderError out;
  out.message = string_of(*error, "message");
  out.type = string_of(*error, "type");
  if (out.message.empty()) out.message = "the provider reported an error without a message";
  return out;
}

// The usage counts of a message or message_delta. Counts that are present
// replace the ones before (they are cumulative); total input is fresh +
// cache writes + cache reads.
class UsageTotals {
 public:
  void update(const Value& usage) {
    if (auto n = count_of(usage, "input_tokens")) fresh_input_ = *n;
    if (auto n = count_of(usage, "cache_creation_input_tokens")) cache_creation_ = *n;
    if (auto n = count_of(usage, "cache_read_input_tokens")) cache_read_ = *n;
    if (auto n = count_of(usage, "output_tokens")) output_ = *n;
  }
  Usage usage() const {
    Usage usage;
    usage.input_tokens = fresh_input_ + cache_creation_ + cache_read_;
    usage.cached_input_tokens = cache_read_;
    usage.cache_creation_input_tokens = cache_creation_;
    usage.output_tokens = output_;
    usage.total_tokens = usage.input_tokens + usage.output_tokens;
    return usage;
  }

 private:
  std::int64_t fresh_input_ = 0, cache_creation_ = 0, cache_read_ = 0, output_ = 0;
};

// The reason and, for a refusal, the explanation stop_details gives.
void report_stop(const Value& holder, ReplySink& sink) {
  std::string_view reason = string_of(holder, "stop_reason");
  if (reason.empty()) return;
  if (reason == "refusal") {
    if (const Value* details = member(holder, "stop_details")) {
      std::string_view explanation = string_of(*details, "explanation");
      if (!explanation.empty()) sink.refusal(explanation);
    }
  }
  sink.finish(anthropic_finish_reason(reason), reason);
}

void read_message(const Value& doc, ReplySink& sink) {
  if (auto error = error_of(doc); error && string_of(doc, "type") == "error") {
    sink.error(std::move(*error));
    return;
  }
  if (const Value* content = member(doc, "content"); content != nullptr && content->IsArray()) {
    int index = 0;
    for (const Value& block : content->GetArray()) {
      std::string_view type = string_of(block, "type");
      if (type == "text") {
        std::string_view text = string_of(block, "text");
        if (!text.empty()) sink.text(text);
      } else if (type == "tool_use") {
        sink.tool_call(index, string_of(block, "id"), string_of(block, "name"));
        const Value* input = member(block, "input");
        sink.tool_arguments(index, input != nullptr && input->IsObject() ? compact(*input) : "{}");
      }
      ++index;  // thinking, server tool and unknown blocks take an index too, as in a stream
    }
  }
  if (const Value* usage = member(doc, "usage")) {
    UsageTotals totals;
    totals.update(*usage);
    sink.usage(totals.usage());
  }
  report_stop(doc, sink);
  sink.end();
}

// The typed events of a stream, one document at a time.
class AnthropicEventReader {
 public:
  explicit AnthropicEventReader(ReplySink& sink) : sink_(sink) {}

  void read(const Value& doc) {
    std::string_view type = string_of(doc, "type");
    if (type == "message_start") {
      if (const Value* message = member(doc, "message")) usage_from(*message);
    } else if (type == "content_block_start") {
      block_start(doc);
    } else if (type == "content_block_delta") {
      block_delta(doc);
    } else if (type == "content_block_stop") {
      block_stop(doc);
    } else if (type == "message_delta") {
      usage_from(doc);
      if (const Value* delta = member(doc, "delta")) report_stop(*delta, sink_);
    } else if (type == "message_stop") {
      sink_.end();
    } else if (type == "error") {
      if (auto error = error_of(doc)) sink_.error(std::move(*error));
    }
    // ping and event types this library does not know are skipped.
  }

 private:
  void usage_from(const Value& holder) {
    const Value* usage = member(holder, "usage");
    if (usage == nullptr || !usage->IsObject()) return;
    totals_.update(*usage);
    sink_.usage(totals_.usage());
  }

  static int index_of(const Value& doc) { return static_cast<int>(count_of(doc, "index").value_or(0)); }

  void block_start(const Value& doc) {
    const Value* block = member(doc, "content_block");
    if (block == nullptr) return;
    const int index = index_of(doc);
    std::string_view type = string_of(*block, "type");
    if (type == "text") {
      std::string_view text = string_of(*block, "text");
      if (!text.empty()) sink_.text(text);
    } else if (type == "tool_use") {
      sink_.tool_call(index, string_of(*block, "id"), string_of(*block, "name"));
      tool_blocks_[index] = false;
      // The input is a placeholder {}, unless a proxy sent the whole input here.
      const Value* input = member(*block, "input");
      if (input != nullptr && input->IsObject() && input->MemberCount() > 0) {
        sink_.tool_arguments(index, compact(*input));
        tool_blocks_[index] = true;
      }
    }
  }

  void block_delta(const Value& doc) {
    const Value* delta = member(doc, "delta");
    if (delta == nullptr) return;
    const int index = index_of(doc);
    std::string_view type = string_of(*delta, "type");
    if (type == "text_delta") {
      std::string_view text = string_of(*delta, "text");
      if (!text.empty()) sink_.text(text);
    } else if (type == "input_json_delta") {
      // Server tools (server_tool_use blocks) stream their input too: only the client's tool calls count.
      auto block = tool_blocks_.find(index);
      std::string_view piece = string_of(*delta, "partial_json");
      if (block == tool_blocks_.end() || piece.empty()) return;
      sink_.tool_arguments(index, piece);
      block->second = true;
    }
  }

  // A tool with no arguments streams no input at all: its input is {}.
  void block_stop(const Value& doc) {
    auto it = tool_blocks_.find(index_of(doc));
    if (it == tool_blocks_.end()) return;
    if (!it->second) sink_.tool_arguments(it->first, "{}");
    tool_blocks_.erase(it);
  }

  ReplySink& sink_;
  UsageTotals totals_;
  std::unordered_map<int, bool> tool_blocks_;  // open tool_use blocks: whether input arrived
};

}  // namespace

FinishReason anthropic_finish_reason(std::string_view stop_reason) {
  if (stop_reason == "end_turn" || stop_reason == "stop_sequence") return FinishReason::stop;
  if (stop_reason == "max_tokens" || stop_reason == "model_context_window_exceeded") return FinishReason::length;
  if (stop_reason == "tool_use") return FinishReason::tool_calls;
  if (stop_reason == "refusal") return FinishReason::refusal;
  return FinishReason::other;  // pause_turn and anything newer
}

void AnthropicMessagesAdapter::parse_body(std::string_view body, ReplySink& sink) const {
  rapidjson::Document doc;
  doc.Parse(body.data(), body.size());
  if (doc.HasParseError()) return report_not_json("the response body", doc, body, sink);
  read_message(doc, sink);
}

std::unique_ptr<StreamDecoder> AnthropicMessagesAdapter::stream_decoder(ReplySink& sink) const {
  return std::make_unique<JsonEventStreamDecoder>(
      sink, [reader = std::make_shared<AnthropicEventReader>(sink)](const rapidjson::Document& doc) { reader->read(doc); });
}

ProviderError AnthropicMessagesAdapter::parse_error_body(std::string_view body) const {
  rapidjson::Document doc;
  doc.Parse(body.data(), body.size());
  if (doc.HasParseError()) return {};
  return error_of(doc).value_or(ProviderError());
}

RateLimits AnthropicMessagesAdapter::rate_limits(const http::Response& response) const {
  return anthropic_rate_limits(response);
}

}  // namespace instructor::providers
