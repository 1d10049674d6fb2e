#include "openai_chat_document.h"

#include <rapidjson/error/en.h>

#include <array>

namespace instructor::providers {
namespace {

// Usage counts providers add beyond OpenAI's, kept by name.
constexpr std::array<std::string_view, 8> kUsageExtras = {
    "prompt_cache_hit_tokens", "prompt_cache_miss_tokens",         // DeepSeek
    "cost",                                                        // OpenRouter
    "queue_time", "prompt_time", "completion_time", "total_time",  // Groq
    "cached_tokens"};

}  // namespace

FinishReason openai_finish_reason(std::string_view raw) {
  if (raw == "stop" || raw == "end_turn" || raw == "eos") return FinishReason::stop;
  if (raw == "length" || raw == "model_length" || raw == "max_tokens") return FinishReason::length;
  if (raw == "tool_calls" || raw == "function_call") return FinishReason::tool_calls;
  if (raw == "content_filter") return FinishReason::content_filter;
  if (raw == "error") return FinishReason::error;
  return FinishReason::other;
}

int ToolCallIndexes::remember(std::string_view id, int index) {
  if (!id.empty()) by_id_.emplace(std::string(id), index);
  last_ = index;
  if (index >= next_) next_ = index + 1;
  return index;
}

int ToolCallIndexes::index_of(std::optional<int> given, std::string_view id, int position) {
  if (given) return remember(id, *given);
  if (!id.empty()) {
    if (auto it = by_id_.find(std::string(id)); it != by_id_.end()) return it->second;
    return remember(id, next_);
  }
  return last_ >= 0 ? last_ : position;
}

ChatDocumentReader::ChatDocumentReader(ReplySink& sink, ToolCallIndexes& indexes, std::string_view body_key)
    : sink_(sink), indexes_(indexes), body_key_(body_key) {}

bool ChatDocumentReader::read(std::string& text, std::string& error) {
  frames_.clear();
  key_ = {};
  has_error_ = false;
  has_usage_ = false;
  error_ = ProviderError();
  usage_ = Usage();
  rapidjson::InsituStringStream stream(text.data());
  rapidjson::ParseResult ok = reader_.Parse<rapidjson::kParseInsituFlag | rapidjson::kParseStopWhenDoneFlag>(stream, *this);
  if (!ok) {
    error = std::string(rapidjson::GetParseError_En(ok.Code())) + " at byte " + std::to_string(ok.Offset());
    return false;
  }
  return true;
}

void ChatDocumentReader::open(Frame frame) {
  frames_.push_back(frame);
  key_ = {};
}

bool ChatDocumentReader::Key(const char* text, rapidjson::SizeType length, bool) {
  if (!frames_.empty() && frames_.back() == Frame::capture) return capture_.Key(text, length);
  key_ = {text, length};
  return true;
}

bool ChatDocumentReader::push(Frame frame) {
  open(frame);
  return true;
}

bool ChatDocumentReader::start_capture(bool object) {
  capture_buffer_.Clear();
  capture_.Reset(capture_buffer_);
  capture_depth_ = 0;
  frames_.push_back(Frame::capture);
  return object ? capture_.StartObject() : capture_.StartArray();
}

bool ChatDocumentReader::StartObject() {
  const Frame at = frames_.empty() ? Frame::skip : frames_.back();
  if (frames_.empty()) {
    open(Frame::root);
    return true;
  }
  switch (at) {
    case Frame::root:
      if (key_ == "error") return push(Frame::error);
      if (key_ == "usage") return push(Frame::usage);
      if (key_ == "x_groq") return push(Frame::x_groq);
      break;
    case Frame::choices:
      choice_index_ = 0;
      texts_.clear();
      refusal_ = finish_ = {};
      used_calls_ = 0;
      return push(Frame::choice);
    case Frame::choice:
      if (key_ == body_key_) return push(Frame::message);
      break;
    case Frame::content_parts: return push(Frame::content_part);
    case Frame::tool_calls:
      if (used_calls_ == calls_.size()) calls_.emplace_back();
      calls_[used_calls_++] = ToolCallPiece();
      return push(Frame::tool_call);
    case Frame::tool_call:
      if (key_ == "function") return push(Frame::function);
      break;
    case Frame::function:
      if (key_ == "arguments") return start_capture(true);
      break;
    case Frame::usage:
      if (key_ == "prompt_tokens_details" || key_ == "completion_tokens_details") {
        details_ = key_;
        return push(Frame::usage_details);
      }
      break;
    case Frame::x_groq:
      if (key_ == "usage") return push(Frame::usage);
      break;
    case Frame::capture:
      ++capture_depth_;
      return capture_.StartObject();
    default: break;
  }
  open(Frame::skip);
  return true;
}

bool ChatDocumentReader::StartArray() {
  const Frame at = frames_.empty() ? Frame::skip : frames_.back();
  if (at == Frame::root && key_ == "choices") return push(Frame::choices);
  if (at == Frame::message && key_ == "content") return push(Frame::content_parts);
  if (at == Frame::message && key_ == "tool_calls") return push(Frame::tool_calls);
  if (at == Frame::function && key_ == "arguments") return start_capture(false);
  if (at == Frame::capture) {
    ++capture_depth_;
    return capture_.StartArray();
  }
  open(Frame::skip);
  return true;
}

bool ChatDocumentReader::EndObject(rapidjson::SizeType) {
  if (frames_.empty()) return true;
  const Frame closing = frames_.back();
  if (closing == Frame::capture) {
    if (capture_depth_-- > 0) return capture_.EndObject();
    capture_.EndObject();
    calls_[used_calls_ - 1].captured.assign(capture_buffer_.GetString(), capture_buffer_.GetSize());
  }
  frames_.pop_back();
  switch (closing) {
    case Frame::error:
      if (error_.message.empty()) error_.message = "the provider reported an error without a message";
      has_error_ = true;
      sink_.error(error_);
      break;
    case Frame::choice:
      if (choice_index_ == 0) emit_choice();
      break;
    case Frame::usage:
      has_usage_ = true;
      break;
    case Frame::root:
      if (has_usage_) emit_usage();
      break;
    default: break;
  }
  key_ = {};
  return true;
}

bool ChatDocumentReader::EndArray(rapidjson::SizeType) {
  if (frames_.empty()) return true;
  if (frames_.back() == Frame::capture) {
    if (capture_depth_-- > 0) return capture_.EndArray();
    capture_.EndArray();
    calls_[used_calls_ - 1].captured.assign(capture_buffer_.GetString(), capture_buffer_.GetSize());
  }
  frames_.pop_back();
  key_ = {};
  return true;
}

bool ChatDocumentReader::String(const char* text, rapidjson::SizeType length, bool) {
  const std::string_view value(text, length);
  if (frames_.empty()) return true;
  switch (frames_.back()) {
    case Frame::root:
      if (key_ == "error" && !value.empty()) {
        ProviderError error;
        error.message = value;
        has_error_ = true;
        sink_.error(std::move(error));
      }
      break;
    case Frame::error:
      if (key_ == "message") error_.message = value;
      else if (key_ == "type") error_.type = value;
      else if (key_ == "code") error_.code = value;
      else if (key_ == "failed_generation") error_.failed_generation = value;
      break;
    case Frame::choice:
      if (key_ == "finish_reason") finish_ = value;
      break;
    case Frame::message:
      if (key_ == "content" && !value.empty()) texts_.push_back(value);
      else if (key_ == "refusal") refusal_ = value;
      break;
    case Frame::content_part:
      if (key_ == "text" && !value.empty()) texts_.push_back(value);
      break;
    case Frame::tool_call:
      if (key_ == "id") calls_[used_calls_ - 1].id = value;
      break;
    case Frame::function:
      if (key_ == "name") calls_[used_calls_ - 1].name = value;
      else if (key_ == "arguments") calls_[used_calls_ - 1].arguments = value;
      break;
    case Frame::capture: return capture_.String(text, length);
    default: break;
  }
  key_ = {};
  return true;
}

bool ChatDocumentReader::Number(double value) {
  if (frames_.empty()) return true;
  switch (frames_.back()) {
    case Frame::error:
      if (key_ == "code") error_.code = std::to_string(static_cast<std::int64_t>(value));
      break;
    case Frame::choice:
      if (key_ == "index") choice_index_ = static_cast<std::int64_t>(value);
      break;
    case Frame::tool_call:
      if (key_ == "index") calls_[used_calls_ - 1].index = static_cast<int>(value);
      break;
    case Frame::usage: {
      const auto count = static_cast<std::int64_t>(value);
      if (key_ == "prompt_tokens") usage_.input_tokens = count;
      else if (key_ == "completion_tokens") usage_.output_tokens = count;
      else if (key_ == "total_tokens") usage_.total_tokens = count;
      for (std::string_view extra : kUsageExtras) {
        if (key_ == extra) usage_.extra.emplace_back(std::string(extra), value);
      }
      break;
    }
    case Frame::usage_details:
      if (details_ == "prompt_tokens_details" && key_ == "cached_tokens") usage_.cached_input_tokens = static_cast<std::int64_t>(value);
      if (details_ == "completion_tokens_details" && key_ == "reasoning_tokens") usage_.reasoning_tokens = static_cast<std::int64_t>(value);
      break;
    case Frame::capture: return capture_.Double(value);
    default: break;
  }
  key_ = {};
  return true;
}

bool ChatDocumentReader::Null() {
  if (!frames_.empty() && frames_.back() == Frame::capture) return capture_.Null();
  key_ = {};
  return true;
}

bool ChatDocumentReader::Bool(bool value) {
  if (!frames_.empty() && frames_.back() == Frame::capture) return capture_.Bool(value);
  key_ = {};
  return true;
}

void ChatDocumentReader::emit_choice() {
  for (std::string_view text : texts_) sink_.text(text);
  if (!refusal_.empty()) sink_.refusal(refusal_);
  for (std::size_t i = 0; i < used_calls_; ++i) {
    const ToolCallPiece& call = calls_[i];
    const int index = indexes_.index_of(call.index, call.id, static_cast<int>(i));
    if (!call.id.empty() || !call.name.empty()) sink_.tool_call(index, call.id, call.name);
    std::string_view arguments = call.captured.empty() ? call.arguments : std::string_view(call.captured);
    if (!arguments.empty()) sink_.tool_arguments(index, arguments);
  }
  if (!finish_.empty()) sink_.finish(openai_finish_reason(finish_), finish_);
}

void ChatDocumentReader::emit_usage() {
  if (usage_.total_tokens == 0) usage_.total_tokens = usage_.input_tokens + usage_.output_tokens;
  sink_.usage(usage_);
}

}  // namespace instructor::providers
