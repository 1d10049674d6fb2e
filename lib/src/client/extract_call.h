// The extraction loop of one call: build the attempt's request through the
// provider adapter, send it, read the answer as it arrives (partials, list
// items), validate it, and either hand back the message or re-ask the model
// with what was wrong, until max_retries, the deadline or the token budget
// says stop.
#pragma once

#include <atomic>
#include <chrono>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "answer.h"
#include "client_core.h"
#include "instructor/client.h"

namespace instructor::client {

class ExtractCall : public std::enable_shared_from_this<ExtractCall> {
 public:
  using Clock = std::chrono::steady_clock;

  static void start(std::shared_ptr<detail::ClientCore> core, detail::CallSpec spec, Request request,
                    detail::OutcomeCallback done);

  ExtractCall(std::shared_ptr<detail::ClientCore> core, detail::CallSpec spec, Request request,
              detail::OutcomeCallback done);
  ~ExtractCall();

 private:
  // Setup: the mode, the schema dialect, the tools or prompt. False when the
  // call cannot be made (it has then finished with a configuration error).
  bool prepare();
  bool add_target(const detail::ModelInfo& model);
  void start_deadline();

  // One attempt.
  void run_attempt();
  http::RequestOptions request_options();
  void on_head(const http::Response& head);
  void on_body(std::string_view bytes);
  void on_done(http::Result result);
  void on_http_error(const http::Response& response);
  void evaluate();
  // Checks every answer message; true when all are valid.
  bool check_answer(std::vector<std::string>& feedback);
  Violations violations_of(AnswerMessage& message);
  void after_invalid(const std::vector<std::string>& feedback);
  // Request::async_validators on an answer that passed every other rule.
  struct PendingValidators {
    std::size_t left = 0;
    Violations found;
  };
  void run_async_validators();
  void on_async_validated(Violations found);

  // Streaming callbacks.
  void on_changed(const AnswerMessage& message);
  void on_completed(const AnswerMessage& message, const Completion& done);
  void on_item_completed(const AnswerMessage& message, const Completion& done);
  void check_subtree(const AnswerMessage& message, const Completion& done);

  // What comes after an attempt.
  void reask(const std::vector<std::string>& feedback);
  // The same request once more (a stream cut short, a passing provider error), if attempts remain.
  bool resend_if_possible(const std::string& why);
  bool attempts_remain() const;
  bool within_budget() const;
  void succeed();
  void fail(ErrorKind kind, std::string message, int http_status = 0, std::string provider_code = {});
  void finish(detail::CallOutcome outcome);

  AttemptRecord& record_attempt();
  std::string redact(std::string_view text) const;

  std::shared_ptr<detail::ClientCore> core_;
  detail::CallSpec spec_;
  Request request_;
  std::optional<detail::OutcomeCallback> done_;

  // Prepared once.
  const providers::Adapter* adapter_ = nullptr;
  std::string model_;
  Mode mode_ = Mode::tools;
  std::vector<AnswerTarget> targets_;
  std::vector<providers::ToolSpec> tools_;
  std::string schema_prompt_;
  std::vector<providers::Turn> conversation_;  // the request's messages, then the kept re-ask turns
  std::size_t base_turns_ = 0;
  std::deque<std::size_t> reask_sizes_;        // turns added by each kept re-ask, oldest first

  // Across attempts.
  std::vector<AttemptRecord> attempts_;
  Usage usage_;
  std::unordered_set<std::string> handed_out_;  // iterables: serialized items already given to the caller
  std::vector<std::unique_ptr<google::protobuf::Message>> items_;

  // The current attempt.
  http::Request http_request_;
  std::unique_ptr<Answer> answer_;
  std::unique_ptr<providers::StreamDecoder> stream_;
  Violations item_violations_;
  Violations partial_violations_;  // of the parts complete so far (create_partial)
  Clock::time_point attempt_start_;
  std::chrono::milliseconds time_to_first_byte_{0};
  http::Response head_;
  bool json_body_on_stream_ = false;  // a stream request answered with a whole JSON body
  std::string body_bytes_;            // that body, or the raw stream when kept
  std::size_t streamed_bytes_ = 0;
  int transport_attempts_ = 0;
  std::string stream_error_;

  // The deadline over the whole call.
  std::optional<Clock::time_point> deadline_;
  std::unique_ptr<class DeadlineTimer> timer_;
  http::Cancellation cancellation_;
  std::atomic<bool> deadline_hit_{false};
  bool finished_ = false;
};

}  // namespace instructor::client
