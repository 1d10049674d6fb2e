#include "system_prompt.h"

namespace instructor::providers {

bool is_system_turn(const Turn& turn) {
  return turn.kind == Turn::Kind::message &&
         (turn.message.role == Role::system || turn.message.role == Role::developer);
}

bool has_content(const ChatMessage& message) {
  for (const ContentPart& part : message.content)
    if (part.kind != ContentPart::Kind::text || !part.text.empty()) return true;
  return false;
}

std::string joined_system_prompt(const AttemptSpec& spec) {
  std::string prompt = spec.schema_prompt;
  for (const Turn& turn : spec.conversation) {
    if (!is_system_turn(turn)) continue;
    for (const ContentPart& part : turn.message.content) {
      if (part.kind != ContentPart::Kind::text || part.text.empty()) continue;
      if (!prompt.empty()) prompt += "\n\n";
      prompt += part.text;
    }
  }
  return prompt;
}

}  // namespace instructor::providers
