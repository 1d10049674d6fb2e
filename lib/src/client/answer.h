// One attempt's answer, read as it arrives: the normalized reply of the
// provider adapter (text, tool calls, finish reason, usage, errors), with the
// JSON it carries fed straight into one MessageDecoder per answer message.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <google/protobuf/message.h>

#include "../providers/adapter.h"
#include "../providers/reply.h"
#include "instructor/mapper.h"
#include "instructor/mode.h"

namespace instructor::client {

// A message the model may answer with: the response model itself, or the
// list wrapper of an iterable.
struct AnswerTarget {
  const google::protobuf::Message* prototype;  // New() makes the message to fill
  std::string tool_name;                       // the tool (or schema) name the model sees
};

// One message of the answer and its decoder.
struct AnswerMessage {
  std::size_t target = 0;  // index into the targets
  int tool_index = -1;     // the tool call it came from; -1 for text
  std::string call_id;
  std::string tool_name;
  std::string json;        // every byte fed to the decoder
  std::unique_ptr<google::protobuf::Message> message;
  std::unique_ptr<MessageDecoder> decoder;
  std::uint64_t updates_seen = 0;
  bool unknown_tool = false;  // a call to a tool that was not offered
};

class Answer final : public providers::ReplySink {
 public:
  // Told when a decoded message changed, and when a field or item of it completed.
  struct Listener {
    std::function<void(const AnswerMessage&)> changed;
    std::function<void(const AnswerMessage&, const Completion&)> completed;
  };

  Answer(Mode mode, const std::vector<AnswerTarget>& targets, Listener listener);

  void text(std::string_view delta) override;
  void refusal(std::string_view delta) override;
  void tool_call(int index, std::string_view id, std::string_view name) override;
  void tool_arguments(int index, std::string_view delta) override;
  void finish(FinishReason reason, std::string_view raw) override;
  void usage(const Usage& usage) override { usage_ = usage; }
  void error(providers::ProviderError error) override;
  void end() override { ended_ = true; }
  void state(int tool_index, std::string_view value) override;

  // The reply is over: closes every decoder (a truncated answer is repaired
  // as far as it can be). A tool mode answered in plain text is decoded here.
  void close();

  std::deque<AnswerMessage>& messages() { return messages_; }
  const std::string& text() const { return text_; }
  // The provider's opaque value for the text (ReplySink::state), echoed on a re-ask.
  const std::string& text_state() const { return text_state_; }
  const std::string& refusal_text() const { return refusal_; }
  FinishReason finish_reason() const { return finish_; }
  const std::string& finish_reason_raw() const { return finish_raw_; }
  const Usage& reported_usage() const { return usage_; }
  const std::optional<providers::ProviderError>& provider_error() const { return error_; }
  // The provider said the reply was over ([DONE], a finish reason, a whole body).
  bool ended() const { return ended_ || finish_ != FinishReason::unknown; }
  // What the model wrote, for reports and re-asks: the tool arguments or the text.
  std::string answer_text() const;
  // The tool calls as the model made them (for a re-ask's echo), with their indexes.
  struct AnsweredCall {
    int index;
    providers::ToolCall call;
  };
  std::vector<AnsweredCall> tool_calls() const;
  bool answered_with_tools() const;

 private:
  AnswerMessage& start_message(std::size_t target, int tool_index, std::string_view id, std::string_view name);
  AnswerMessage* message_for_call(int index);
  void feed(AnswerMessage& message, std::string_view bytes);

  Mode mode_;
  const std::vector<AnswerTarget>& targets_;
  Listener listener_;
  std::deque<AnswerMessage> messages_;  // a deque: decoders keep pointers to their message
  // Tool calls by index: their id, name and arguments, whether or not they are decoded.
  struct Call {
    int index;
    std::string id, name, arguments, state;
  };
  std::vector<Call> calls_;
  std::string text_;
  std::string text_state_;
  std::string refusal_;
  FinishReason finish_ = FinishReason::unknown;
  std::string finish_raw_;
  Usage usage_;
  std::optional<providers::ProviderError> error_;
  bool ended_ = false;
  bool closed_ = false;
};

}  // namespace instructor::client
