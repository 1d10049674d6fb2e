// For wire formats that take the system prompt apart from the conversation
// (Anthropic's `system`, Gemini's `systemInstruction`).
#pragma once

#include <string>

#include "adapter.h"

namespace instructor::providers {

// A system or developer message of the conversation.
bool is_system_turn(const Turn& turn);
// Whether a message has something to send: an image, or text that is not empty.
bool has_content(const ChatMessage& message);
// The schema instruction, then the text of every system and developer message, in order, joined by blank lines.
std::string joined_system_prompt(const AttemptSpec& spec);

}  // namespace instructor::providers
