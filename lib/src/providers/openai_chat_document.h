// Reads one Chat Completions document (a whole response, or one stream
// chunk) with RapidJSON's SAX reader, in place, and reports it to a
// ReplySink: no DOM is built and nothing is allocated per chunk.
#pragma once

#include <rapidjson/reader.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "reply.h"

namespace instructor::providers {

// Tool-call indexes across the chunks of one stream: given by the server, or
// (Mistral sends whole calls without one) the next free index, by call id.
class ToolCallIndexes {
 public:
  int index_of(std::optional<int> given, std::string_view id, int position);

 private:
  int remember(std::string_view id, int index);
  std::unordered_map<std::string, int> by_id_;
  int next_ = 0;
  int last_ = -1;
};

class ChatDocumentReader {
 public:
  // `body_key`: "message" for a whole response, "delta" for a stream chunk.
  ChatDocumentReader(ReplySink& sink, ToolCallIndexes& indexes, std::string_view body_key);

  // Reads `text` (changed in place; it must stay alive until read() returns).
  // False when it is not JSON; `error` then says why and where.
  bool read(std::string& text, std::string& error);

  // The SAX events (RapidJSON's handler concept).
  bool Null();
  bool Bool(bool value);
  bool Int(int value) { return capturing() ? capture_.Int(value) : Number(value); }
  bool Uint(unsigned value) { return capturing() ? capture_.Uint(value) : Number(value); }
  bool Int64(std::int64_t value) { return capturing() ? capture_.Int64(value) : Number(static_cast<double>(value)); }
  bool Uint64(std::uint64_t value) { return capturing() ? capture_.Uint64(value) : Number(static_cast<double>(value)); }
  bool Double(double value) { return capturing() ? capture_.Double(value) : Number(value); }
  bool RawNumber(const char*, rapidjson::SizeType, bool) { return true; }
  bool String(const char* text, rapidjson::SizeType length, bool copy);
  bool Key(const char* text, rapidjson::SizeType length, bool copy);
  bool StartObject();
  bool EndObject(rapidjson::SizeType members);
  bool StartArray();
  bool EndArray(rapidjson::SizeType elements);

 private:
  // What the innermost open container is.
  enum class Frame : std::uint8_t {
    root, error, choices, choice, message, content_parts, content_part, tool_calls, tool_call, function,
    usage, usage_details, x_groq, skip, capture
  };
  struct ToolCallPiece {
    std::optional<int> index;
    std::string_view id, name, arguments;
    std::string captured;  // arguments sent as an object rather than a string
  };

  bool Number(double value);
  void open(Frame frame);
  bool push(Frame frame);
  bool start_capture(bool object);
  bool capturing() const { return !frames_.empty() && frames_.back() == Frame::capture; }
  void emit_choice();
  void emit_usage();

  ReplySink& sink_;
  ToolCallIndexes& indexes_;
  std::string_view body_key_;
  std::vector<Frame> frames_;
  std::string_view key_;
  std::string_view details_;  // which usage details object is open

  // The choice being read (only choice 0 is reported).
  std::int64_t choice_index_ = 0;
  std::vector<std::string_view> texts_;
  std::string_view refusal_;
  std::string_view finish_;
  std::vector<ToolCallPiece> calls_;
  std::size_t used_calls_ = 0;

  ProviderError error_;
  bool has_error_ = false;
  Usage usage_;
  bool has_usage_ = false;

  // Arguments sent as a JSON object: written back to text as they are read.
  rapidjson::StringBuffer capture_buffer_;
  rapidjson::Writer<rapidjson::StringBuffer> capture_{capture_buffer_};
  int capture_depth_ = 0;

  rapidjson::Reader reader_;
};

FinishReason openai_finish_reason(std::string_view raw);

}  // namespace instructor::providers
