#include "reask.h"

namespace instructor::client {

std::string feedback_text(const AnswerProblem& problem) {
  const std::string name = problem.tool_name.empty() ? std::string("the answer") : problem.tool_name;
  if (problem.unknown_tool) {
    return "There is no tool named \"" + problem.tool_name + "\". Call one of the tools you were given.";
  }
  if (problem.empty) {
    return "The answer was empty. Answer with the complete " + name + " as JSON that matches the schema.";
  }
  if (problem.parse_error) {
    return "The answer is not valid JSON: " + problem.parse_error->to_string() +
           ". Answer again with the complete " + name + " as one JSON object that matches the schema.";
  }
  if (problem.violations != nullptr && !problem.violations->empty()) {
    return "The answer does not pass validation:\n" + problem.violations->to_text() + "Answer again with the complete " +
           name + ", every problem above fixed and everything else kept.";
  }
  return {};
}

std::vector<providers::Turn> tool_reask_turns(const std::vector<providers::ToolCall>& calls,
                                              const std::vector<std::string>& feedback_per_call) {
  std::vector<providers::Turn> turns;
  providers::Turn assistant;
  assistant.kind = providers::Turn::Kind::tool_calls;
  assistant.calls = calls;
  turns.push_back(std::move(assistant));
  for (std::size_t i = 0; i < calls.size(); ++i) {
    providers::Turn result;
    result.kind = providers::Turn::Kind::tool_result;
    result.call_id = calls[i].id;
    result.tool_name = calls[i].name;
    const std::string& feedback = i < feedback_per_call.size() ? feedback_per_call[i] : std::string();
    result.is_error = !feedback.empty();
    result.content = feedback.empty() ? "Valid." : feedback;
    turns.push_back(std::move(result));
  }
  return turns;
}

std::vector<providers::Turn> text_reask_turns(std::string answer_text, std::string state, std::string feedback) {
  std::vector<providers::Turn> turns(2);
  turns[0].message = assistant(std::move(answer_text));
  turns[0].state = std::move(state);
  turns[1].message = user(std::move(feedback));
  return turns;
}

}  // namespace instructor::client
