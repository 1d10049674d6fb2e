// The extraction loop, part 2: what an attempt's outcome means. A transport
// or HTTP failure, a refusal, a filter or a truncation ends the call; an
// answer that does not parse or breaks a rule is re-asked while max_retries
// and the token budget last; a valid answer ends it with the message.
#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>

#include <algorithm>
#include <array>

#include <boost/asio/post.hpp>

#include "deadline_timer.h"
#include "extract_call.h"
#include "hook_events.h"
#include "instructor/validate.h"
#include "list_model.h"
#include "reask.h"

namespace instructor::client {

using std::chrono::duration_cast;
using std::chrono::milliseconds;

namespace {

// The kind of a failed HTTP status once the transport gave up retrying.
ErrorKind kind_of_status(int status, const providers::ProviderError& error) {
  if (error.code == "content_filter") return ErrorKind::content_filter;
  switch (status) {
    case 401: return ErrorKind::authentication;
    case 403: return ErrorKind::permission;
    case 404: return ErrorKind::not_found;
    case 408: return ErrorKind::transport;
    case 429: return ErrorKind::rate_limited;
    default: break;
  }
  if (status >= 500) return ErrorKind::server_error;
  if (status >= 400) return ErrorKind::bad_request;
  return ErrorKind::provider_error;
}

// An error inside a 2xx response that another try may not see (overload, a server hiccup).
bool is_passing_error(const providers::ProviderError& error) {
  // The last four are Gemini's statuses (google.rpc codes) for the same.
  static constexpr std::array<std::string_view, 13> kPassing = {
      "overloaded_error", "overloaded",    "server_error",    "api_error",          "internal_server_error",
      "service_unavailable", "timeout_error", "rate_limit_error", "rate_limit_exceeded", "UNAVAILABLE",
      "INTERNAL",         "RESOURCE_EXHAUSTED", "DEADLINE_EXCEEDED"};
  auto passing = [](std::string_view word) { return std::find(kPassing.begin(), kPassing.end(), word) != kPassing.end(); };
  return passing(error.type) || passing(error.code) || error.code == "429" || error.code == "500" ||
         error.code == "502" || error.code == "503" || error.code == "529";
}

std::string deterministic_bytes(const google::protobuf::Message& message) {
  std::string bytes;
  google::protobuf::io::StringOutputStream stream(&bytes);
  google::protobuf::io::CodedOutputStream coded(&stream);
  coded.SetSerializationDeterministic(true);
  message.SerializePartialToCodedStream(&coded);
  coded.Trim();
  return bytes;
}

bool starts_path(std::string_view path, std::string_view prefix) {
  return path.substr(0, prefix.size()) == prefix &&
         (path.size() == prefix.size() || path[prefix.size()] == '.' || path[prefix.size()] == '[');
}

bool blank(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; });
}

}  // namespace

// ---- Transport and HTTP --------------------------------------------------------

void ExtractCall::on_done(http::Result result) {
  if (finished_) return;
  if (head_.status == 0) {
    head_.status = result.response.status;
    head_.headers = result.response.headers;
  }
  if (result.error) {
    const std::string what = redact(result.error.message());
    // The attempt's own timeouts are cut to the deadline, so either may end it.
    const bool at_deadline = deadline_ && (deadline_hit_ || Clock::now() + milliseconds(10) >= *deadline_);
    if (at_deadline) {
      record_attempt().error = what;
      fail(ErrorKind::deadline_exceeded, "the call's timeout of " + std::to_string(request_.timeout->count()) +
                                             " ms passed during attempt " + std::to_string(attempts_.size()));
    } else if (result.error == http::Errc::cancelled) {
      record_attempt().error = what;
      fail(ErrorKind::cancelled, what);
    } else if (result.error == http::Errc::not_in_cassette) {
      record_attempt().error = what;
      fail(ErrorKind::not_in_cassette, what);
    } else if (streamed_bytes_ > 0) {
      answer_->close();
      const std::string why = "the stream was cut after " + std::to_string(streamed_bytes_) + " bytes: " + what;
      record_attempt().error = why;
      if (!resend_if_possible(why)) fail(ErrorKind::transport, why);
    } else {
      record_attempt().error = what;
      fail(ErrorKind::transport, what);
    }
    return;
  }
  if (result.response.status / 100 != 2) {
    on_http_error(result.response);
    return;
  }
  if (!spec_.stream) {
    adapter_->parse_body(result.response.body, *answer_);
    if (spec_.keep_raw) body_bytes_ = std::move(result.response.body);
  } else if (json_body_on_stream_) {
    adapter_->parse_body(body_bytes_, *answer_);
  } else if (!stream_->finish() && stream_error_.empty()) {
    stream_error_ = stream_->error();
  }
  evaluate();
}

void ExtractCall::on_http_error(const http::Response& response) {
  providers::ProviderError error = adapter_->parse_error_body(response.body);
  // Groq's JSON and tool modes refuse a malformed generation with a 400 that
  // carries it: that is the model's answer, and worth reading and re-asking.
  if (response.status == 400 && !error.failed_generation.empty()) {
    answer_->text(error.failed_generation);
    answer_->finish(FinishReason::stop, error.code);
    answer_->end();
    evaluate();
    return;
  }
  std::string detail = error.message;
  if (detail.empty()) {
    detail = response.body.substr(0, 200);
    if (detail.empty()) detail = response.reason;
  }
  const std::string message = std::string(core_->config.spec->display_name) + " answered HTTP " +
                              std::to_string(response.status) + ": " + detail;
  AttemptRecord& record = record_attempt();
  record.error = redact(message);
  fire(core_->hooks.on_response, ResponseEvent{record.number, record.http_status, record.latency,
                                               record.time_to_first_byte, record.request_id, record.usage});
  fail(kind_of_status(response.status, error), message, response.status, error.code.empty() ? error.type : error.code);
}

// ---- The answer ----------------------------------------------------------------

void ExtractCall::evaluate() {
  answer_->close();
  AttemptRecord& record = record_attempt();
  fire(core_->hooks.on_response, ResponseEvent{record.number, record.http_status, record.latency,
                                               record.time_to_first_byte, record.request_id, record.usage});
  if (const auto& error = answer_->provider_error()) {
    record.error = redact(error->message);
    const std::string message = std::string(core_->config.spec->display_name) + " reported an error: " + error->message;
    if (is_passing_error(*error) && resend_if_possible(message)) return;
    fail(ErrorKind::provider_error, message, record.http_status, error->code.empty() ? error->type : error->code);
    return;
  }
  if (!stream_error_.empty()) {
    record.error = stream_error_;
    fail(ErrorKind::provider_error, "the event stream could not be read: " + stream_error_, record.http_status);
    return;
  }
  if (!answer_->refusal_text().empty() || answer_->finish_reason() == FinishReason::refusal) {
    fail(ErrorKind::refusal, "the model refused: " + (answer_->refusal_text().empty() ? answer_->text() : answer_->refusal_text()));
    return;
  }
  if (answer_->finish_reason() == FinishReason::content_filter) {
    fail(ErrorKind::content_filter, "the provider's content filter stopped the answer");
    return;
  }
  if (answer_->finish_reason() == FinishReason::length) {
    fail(ErrorKind::truncated, "the answer was cut at the token limit after " +
                                   std::to_string(record.usage.output_tokens) + " output tokens");
    return;
  }
  if (!answer_->ended()) {
    const std::string why = "the stream ended after " + std::to_string(streamed_bytes_) +
                            " bytes without the provider's end of answer";
    record.error = why;
    if (!resend_if_possible(why)) fail(ErrorKind::transport, why, record.http_status);
    return;
  }
  std::vector<std::string> feedback;
  if (!check_answer(feedback)) {
    after_invalid(feedback);
  } else if (!request_.async_validators.empty() && spec_.shape != detail::CallShape::iterable &&
             answer_->messages().size() == 1) {
    run_async_validators();
  } else {
    succeed();
  }
}

// The answer passed every other rule: the asynchronous validators run on it,
// all at once; the attempt is decided when the last one answers.
void ExtractCall::run_async_validators() {
  const google::protobuf::Message& message = *answer_->messages().front().message;
  auto pending = std::make_shared<PendingValidators>();
  pending->left = request_.async_validators.size();
  // Each validator's findings come back here, on the call's executor, whatever thread it answered from.
  auto collect = [self = shared_from_this(), pending](Violations found) {
    boost::asio::post(self->core_->executor, [self, pending, found = std::move(found)] {
      for (const Violation& v : found) pending->found.add(v);
      if (--pending->left == 0) self->on_async_validated(std::move(pending->found));
    });
  };
  for (const AsyncValidator& validator : request_.async_validators) {
    try {
      validator(message, collect);
    } catch (const std::exception& e) {
      Violations thrown;
      thrown.add({"", "validator.error", std::string("an asynchronous validator threw: ") + e.what(), ""});
      collect(std::move(thrown));
    }
  }
}

void ExtractCall::on_async_validated(Violations found) {
  if (finished_) return;  // the deadline ended the call meanwhile
  if (found.empty()) {
    succeed();
    return;
  }
  AttemptRecord& record = attempts_.back();
  for (const Violation& v : found) record.violations.add(v);
  fire(core_->hooks.on_violations, ViolationsEvent{record.number, record.violations, record.answer});
  AnswerProblem problem{targets_.front().tool_name};
  problem.violations = &record.violations;
  after_invalid({feedback_text(problem)});
}

// The answer did not pass: ask again while attempts, time and tokens remain.
void ExtractCall::after_invalid(const std::vector<std::string>& feedback) {
  if (!attempts_remain()) {
    const AttemptRecord& last = attempts_.back();
    std::string why = last.parse_error ? "the answer is not JSON: " + last.parse_error->to_string()
                      : !last.violations.empty() ? last.violations[0].path + ": " + last.violations[0].message +
                                                       (last.violations.size() > 1 ? " (and " + std::to_string(last.violations.size() - 1) + " more)" : "")
                                                 : last.error;
    fail(ErrorKind::retries_exhausted, "no valid answer after " + std::to_string(attempts_.size()) +
                                           (attempts_.size() == 1 ? " attempt: " : " attempts: ") + why);
  } else if (!within_budget()) {
    fail(ErrorKind::token_budget_exceeded, "the token budget of " + std::to_string(*request_.token_budget) +
                                               " is used up (" + std::to_string(usage_.total_tokens) +
                                               " tokens) with no valid answer");
  } else {
    reask(feedback);
  }
}

bool ExtractCall::check_answer(std::vector<std::string>& feedback) {
  AttemptRecord& record = attempts_.back();
  std::deque<AnswerMessage>& messages = answer_->messages();
  if (messages.empty()) {
    AnswerProblem problem{targets_.front().tool_name};
    problem.empty = true;
    record.error = "the model wrote no answer";
    feedback.push_back(feedback_text(problem));
    return false;
  }
  bool valid = true;
  for (std::size_t i = 0; i < messages.size(); ++i) {
    AnswerMessage& m = messages[i];
    AnswerProblem problem{m.unknown_tool ? m.tool_name : targets_[m.target].tool_name};
    Violations violations;
    if (m.unknown_tool) {
      problem.unknown_tool = true;
    } else if (const auto& error = m.decoder->error()) {
      if (blank(m.json)) {
        problem.empty = true;
      } else {
        problem.parse_error = *error;
        if (!record.parse_error) record.parse_error = *error;
        fire(core_->hooks.on_parse_error, ParseErrorEvent{record.number, *error, m.json});
      }
    } else {
      violations = violations_of(m);
      problem.violations = &violations;
    }
    // Parallel calls: paths say which call they belong to.
    const std::string prefix = messages.size() > 1 ? "calls[" + std::to_string(i) + "]" : "";
    for (const Violation& v : violations) {
      Violation shown = v;
      if (!prefix.empty()) shown.path = prefix + (v.path.empty() ? "" : "." + v.path);
      record.violations.add(std::move(shown));
    }
    std::string text = feedback_text(problem);
    valid = valid && text.empty();
    feedback.push_back(std::move(text));
  }
  if (!record.violations.empty()) {
    fire(core_->hooks.on_violations, ViolationsEvent{record.number, record.violations, record.answer});
  }
  return valid;
}

Violations ExtractCall::violations_of(AnswerMessage& m) {
  Violations violations;
  for (const MappingViolation& v : m.decoder->violations()) violations.add({v.path, v.rule, v.message, v.value});
  if (spec_.shape == detail::CallShape::iterable) {
    for (const Violation& v : item_violations_) violations.add(v);
    return violations;
  }
  ValidationContext context(violations, &m.decoder->presence(), request_.validators.get());
  spec_.models[m.target]->validate(*m.message, context);
  return violations;
}

// ---- Streaming -------------------------------------------------------------------

void ExtractCall::on_changed(const AnswerMessage& m) {
  if (&m != &answer_->messages().front()) return;
  try {
    spec_.on_partial(*m.message, m.decoder->completeness(), partial_violations_);
  } catch (...) {
    // The caller's callback threw: the call goes on.
  }
}

void ExtractCall::on_completed(const AnswerMessage& m, const Completion& done) {
  if (spec_.shape == detail::CallShape::iterable) {
    on_item_completed(m, done);
  } else if (&m == &answer_->messages().front()) {
    check_subtree(m, done);
  }
}

// A message-valued field or list item of the answer closed: its subtree is
// final, so it is validated now (paths from the answer's root).
void ExtractCall::check_subtree(const AnswerMessage& m, const Completion& done) {
  using google::protobuf::FieldDescriptor;
  const FieldDescriptor* field = done.field;
  if (done.message != m.message.get() || field->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE || field->is_map()) return;
  if (field->is_repeated() && done.index < 0) return;  // its items were checked one by one
  const google::protobuf::Reflection* reflection = m.message->GetReflection();
  const google::protobuf::Message& subtree = done.index >= 0
                                                 ? reflection->GetRepeatedMessage(*m.message, field, done.index)
                                                 : reflection->GetMessage(*m.message, field);
  if (!has_validator(subtree.GetDescriptor())) return;
  ValidateOptions options;
  options.presence = &m.decoder->presence();
  options.validators = request_.validators.get();
  const std::string prefix = field->name() + (done.index >= 0 ? "[" + std::to_string(done.index) + "]" : "");
  for (const Violation& v : validate(subtree, options)) {
    Violation shown = v;
    shown.path = prefix + (v.path.empty() ? "" : "." + v.path);
    partial_violations_.add(std::move(shown));
  }
}

void ExtractCall::on_item_completed(const AnswerMessage& m, const Completion& done) {
  if (done.message != m.message.get() || done.index < 0 || done.field->number() != kListItemsField) return;
  const google::protobuf::Message& item = m.message->GetReflection()->GetRepeatedMessage(*m.message, done.field, done.index);
  const std::string prefix = "items[" + std::to_string(done.index) + "]";
  bool refused = std::any_of(m.decoder->violations().begin(), m.decoder->violations().end(),
                             [&](const MappingViolation& v) { return starts_path(v.path, prefix); });
  Violations violations;
  ValidationContext context(violations, &m.decoder->presence(), request_.validators.get());
  spec_.models.front()->validate(item, context);
  for (const Violation& v : violations) {
    Violation shown = v;
    shown.path = prefix + (v.path.empty() ? "" : "." + v.path);
    item_violations_.add(std::move(shown));
  }
  if (refused || !violations.empty()) return;
  if (!handed_out_.insert(deterministic_bytes(item)).second) return;  // handed out in an earlier attempt
  items_.emplace_back(item.New());
  items_.back()->CopyFrom(item);
  try {
    spec_.on_item(item);
  } catch (...) {
    // The caller's callback threw: the call goes on.
  }
}

// ---- After an attempt ------------------------------------------------------------

bool ExtractCall::attempts_remain() const { return static_cast<int>(attempts_.size()) <= request_.max_retries; }

bool ExtractCall::within_budget() const {
  return !request_.token_budget || usage_.total_tokens < *request_.token_budget;
}

bool ExtractCall::resend_if_possible(const std::string& why) {
  if (!attempts_remain() || !within_budget()) return false;
  fire(core_->hooks.on_reask, ReaskEvent{static_cast<int>(attempts_.size()) + 1, why});
  run_attempt();
  return true;
}

void ExtractCall::reask(const std::vector<std::string>& feedback) {
  const int number = static_cast<int>(attempts_.size());
  std::vector<providers::Turn> turns;
  std::string all_feedback;
  for (const std::string& text : feedback) {
    if (text.empty()) continue;
    if (!all_feedback.empty()) all_feedback += "\n\n";
    all_feedback += text;
  }
  if (answer_->answered_with_tools()) {
    std::vector<providers::ToolCall> calls;
    std::vector<std::string> per_call;
    const std::deque<AnswerMessage>& messages = answer_->messages();
    for (auto& [index, call] : answer_->tool_calls()) {
      // A call needs an id to be answered; some servers send none.
      if (call.id.empty()) call.id = "call_" + std::to_string(number) + "_" + std::to_string(index);
      std::string text;
      for (std::size_t i = 0; i < messages.size(); ++i)
        if (messages[i].tool_index == index && i < feedback.size()) text = feedback[i];
      calls.push_back(std::move(call));
      per_call.push_back(std::move(text));
    }
    turns = tool_reask_turns(calls, per_call);
  } else {
    turns = text_reask_turns(answer_->answer_text(), answer_->text_state(), all_feedback);
  }
  // Only the latest failed attempts stay in the conversation, so a long run
  // of failures cannot make each request bigger than the last.
  reask_sizes_.push_back(turns.size());
  for (providers::Turn& turn : turns) conversation_.push_back(std::move(turn));
  const std::size_t keep = static_cast<std::size_t>(std::max(1, request_.reask_history));
  while (reask_sizes_.size() > keep) {
    auto first = conversation_.begin() + static_cast<std::ptrdiff_t>(base_turns_);
    conversation_.erase(first, first + static_cast<std::ptrdiff_t>(reask_sizes_.front()));
    reask_sizes_.pop_front();
  }
  fire(core_->hooks.on_reask, ReaskEvent{number + 1, all_feedback});
  run_attempt();
}

AttemptRecord& ExtractCall::record_attempt() {
  AttemptRecord record;
  record.number = static_cast<int>(attempts_.size()) + 1;
  record.http_status = head_.status;
  record.transport_attempts = std::max(transport_attempts_, head_.status ? 1 : 0);
  if (auto id = head_.header(adapter_->request_id_header())) record.request_id = *id;
  record.latency = duration_cast<milliseconds>(Clock::now() - attempt_start_);
  record.time_to_first_byte = time_to_first_byte_;
  if (answer_) {
    record.answer = answer_->answer_text();
    record.finish_reason = answer_->finish_reason();
    record.finish_reason_raw = answer_->finish_reason_raw();
    record.refusal = answer_->refusal_text();
    record.usage = answer_->reported_usage();
  }
  usage_ += record.usage;
  attempts_.push_back(std::move(record));
  return attempts_.back();
}

void ExtractCall::succeed() {
  detail::CallOutcome outcome;
  if (spec_.shape == detail::CallShape::iterable) {
    outcome.values = std::move(items_);
  } else {
    for (AnswerMessage& m : answer_->messages()) {
      m.decoder.reset();
      outcome.values.push_back(std::move(m.message));
    }
  }
  outcome.report = CallReport{core_->provider_name, model_, usage_, attempts_};
  outcome.completion.status = head_.status;
  outcome.completion.headers = head_.headers;
  outcome.completion.body = std::move(body_bytes_);
  outcome.completion.request_id = attempts_.back().request_id;
  outcome.completion.rate_limits = adapter_->rate_limits(head_);
  fire(core_->hooks.on_success, SuccessEvent{static_cast<int>(attempts_.size()), usage_});
  finish(std::move(outcome));
}

void ExtractCall::fail(ErrorKind kind, std::string message, int http_status, std::string provider_code) {
  ExtractError error(kind, redact(message));
  error.set_context(core_->provider_name, model_.empty() ? core_->config.model : model_);
  error.set_http(http_status, std::move(provider_code));
  error.set_attempts(attempts_, usage_);
  if (kind == ErrorKind::truncated && answer_ && !answer_->messages().empty()) {
    AnswerMessage& m = answer_->messages().front();
    m.decoder.reset();
    error.set_partial(std::shared_ptr<const google::protobuf::Message>(std::move(m.message)));
  }
  fire(core_->hooks.on_error, ErrorEvent{static_cast<int>(attempts_.size()), error_kind_name(kind), error.message(), usage_});
  detail::CallOutcome outcome;
  outcome.report = CallReport{core_->provider_name, error.model(), usage_, attempts_};
  outcome.error = std::move(error);
  finish(std::move(outcome));
}

void ExtractCall::finish(detail::CallOutcome outcome) {
  if (finished_) return;
  finished_ = true;
  if (timer_) timer_->timer.cancel();
  detail::OutcomeCallback done = std::move(*done_);
  done_.reset();
  done(std::move(outcome));
}

}  // namespace instructor::client
