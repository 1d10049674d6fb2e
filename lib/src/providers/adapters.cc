// Which adapter speaks which wire format.
#include "adapter.h"
#include "anthropic_messages.h"
#include "gemini.h"
#include "openai_chat.h"

namespace instructor::providers {

const Adapter& adapter_for(const ProviderSpec& provider, Mode /*mode*/) {
  static const OpenAiChatAdapter openai_chat;
  static const AnthropicMessagesAdapter anthropic_messages;
  static const GeminiAdapter gemini;
  switch (provider.wire) {
    case WireFormat::openai_chat: return openai_chat;
    case WireFormat::anthropic_messages: return anthropic_messages;
    case WireFormat::gemini: return gemini;
  }
  return openai_chat;
}

}  // namespace instructor::providers
