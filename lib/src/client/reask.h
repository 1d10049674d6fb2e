// What the model is told when its answer failed, and the conversation turns
// that carry it, in the provider's idiom: for tool modes the assistant's tool
// call answered by a tool result; for text modes the assistant's text
// followed by a user message.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "../providers/adapter.h"
#include "instructor/json_parser.h"
#include "instructor/violation.h"

namespace instructor::client {

// The failure of one answer message, as the model will read it.
struct AnswerProblem {
  std::string tool_name;                  // the model it answered (for the wording)
  std::optional<ParseError> parse_error;  // not JSON at all
  bool empty = false;                     // nothing was written
  bool unknown_tool = false;
  const Violations* violations = nullptr;  // mapping and validation
};

// The feedback for one answer message; empty when it has no problem.
std::string feedback_text(const AnswerProblem& problem);

// The turns of a re-ask after a tool-mode answer: the assistant's calls, then
// one tool result per call (feedback for the failed ones, "valid" for the others).
std::vector<providers::Turn> tool_reask_turns(const std::vector<providers::ToolCall>& calls,
                                              const std::vector<std::string>& feedback_per_call);

// The turns of a re-ask after a text answer: the assistant's text (with the
// provider's opaque `state` for it, if any), then the feedback.
std::vector<providers::Turn> text_reask_turns(std::string answer_text, std::string state, std::string feedback);

}  // namespace instructor::client
