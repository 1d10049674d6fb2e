#include "answer.h"

namespace instructor::client {
Answer::Answer(Mode mode, const std::vector<AnswerTarget>& targets, Listener listener)
    : mode_(mode), targets_(targets), listener_(std::move(listener)) {}

AnswerMessage& Answer::start_message(std::size_t target, int tool_index, std::string_view id, std::string_view name) {
  AnswerMessage& m = messages_.emplace_back();
  m.target = target;
  m.tool_index = tool_index;
  m.call_id = id;
  m.tool_name = name;
  m.message.reset(targets_[target].prototype->New());
  DecodeOptions options;
  if (listener_.completed) {
    options.on_complete = [this, &m](const Completion& done) { listener_.completed(m, done); };
  }
  m.decoder = std::make_unique<MessageDecoder>(*m.message, std::move(options));
  return m;
}

void Answer::feed(AnswerMessage& m, std::string_view bytes) {
  m.json.append(bytes);
  if (!m.decoder->feed(bytes)) return;  // the error stays on the decoder; evaluation reports it
  if (listener_.changed && m.decoder->updates() != m.updates_seen) {
    m.updates_seen = m.decoder->updates();
    listener_.changed(m);
  }
}

void Answer::text(std::string_view delta) {
  text_.append(delta);
  if (answers_with_tools(mode_)) return;  // kept: decoded at close() if no tool was called
  if (messages_.empty()) start_message(0, -1, {}, {});
  feed(messages_.front(), delta);
}

void Answer::refusal(std::string_view delta) { refusal_.append(delta); }

void Answer::tool_call(int index, std::string_view id, std::string_view name) {
  for (Call& call : calls_) {
    if (call.index != index) continue;
    if (call.id.empty()) call.id = id;
    if (call.name.empty()) call.name = name;
    return;
  }
  calls_.push_back(Call{index, std::string(id), std::string(name), {}, {}});
  if (!answers_with_tools(mode_)) return;
  if (mode_ != Mode::parallel_tools) {
    // The first call is the answer, whatever name the model gave it.
    if (messages_.empty()) start_message(0, index, id, name);
    return;
  }
  for (std::size_t t = 0; t < targets_.size(); ++t) {
    if (targets_[t].tool_name == name) {
      start_message(t, index, id, name);
      return;
    }
  }
  AnswerMessage& unknown = start_message(0, index, id, name);
  unknown.unknown_tool = true;
}

AnswerMessage* Answer::message_for_call(int index) {
  for (AnswerMessage& m : messages_)
    if (m.tool_index == index) return &m;
  return nullptr;
}

void Answer::tool_arguments(int index, std::string_view delta) {
  Call* call = nullptr;
  for (Call& c : calls_)
    if (c.index == index) call = &c;
  if (call == nullptr) {
    tool_call(index, {}, {});
    call = &calls_.back();
  }
  call->arguments.append(delta);
  if (AnswerMessage* m = message_for_call(index); m != nullptr && !m->unknown_tool) feed(*m, delta);
}

void Answer::state(int tool_index, std::string_view value) {
  if (tool_index < 0) {
    text_state_ = value;
    return;
  }
  for (Call& call : calls_)
    if (call.index == tool_index) call.state = value;
}

void Answer::finish(FinishReason reason, std::string_view raw) {
  finish_ = reason;
  finish_raw_ = raw;
}

void Answer::error(providers::ProviderError error) {
  if (!error_) error_ = std::move(error);
}

void Answer::close() {
  if (closed_) return;
  closed_ = true;
  // Tool modes: a model that answered in text instead of calling the tool
  // still gets its text read (and a re-ask in the JSON idiom if it is wrong).
  if (answers_with_tools(mode_) && calls_.empty() && !text_.empty()) {
    AnswerMessage& m = start_message(0, -1, {}, {});
    feed(m, text_);
  }
  for (AnswerMessage& m : messages_) {
    if (!m.decoder->error()) (void)m.decoder->finish();
  }
}

std::string Answer::answer_text() const {
  if (calls_.empty()) return text_;
  if (calls_.size() == 1) return calls_.front().arguments;
  std::string all;
  for (const Call& call : calls_) {
    if (!all.empty()) all += "\n";
    all += call.name + "(" + call.arguments + ")";
  }
  return all;
}

std::vector<Answer::AnsweredCall> Answer::tool_calls() const {
  std::vector<AnsweredCall> out;
  for (const Call& call : calls_) out.push_back({call.index, {call.id, call.name, call.arguments, call.state}});
  return out;
}

bool Answer::answered_with_tools() const { return !calls_.empty(); }

}  // namespace instructor::client
