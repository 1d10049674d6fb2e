// Which adapter speaks which wire format.
#include "adapter.h"
#include "anthropic_messages.h"
#include "cohere_chat.h"
#include "gemini.h"
#include "ollama_chat.h"
#include "openai_chat.h"
#include "openai_responses.h"

namespace instructor::providers {

const Adapter& adapter_for(const ProviderSpec& provider, Mode mode) {
  static const OpenAiChatAdapter openai_chat;
  static const AnthropicMessagesAdapter anthropic_messages;
  static const GeminiAdapter gemini;
  static const OllamaChatAdapter ollama_chat;
  static const CohereChatAdapter cohere_chat;
  static const OpenAiResponsesAdapter openai_responses;
  switch (provider.wire) {
    case WireFormat::openai_chat: return uses_responses_api(mode) ? static_cast<const Adapter&>(openai_responses) : openai_chat;
    case WireFormat::anthropic_messages: return anthropic_messages;
    case WireFormat::gemini: return gemini;
    case WireFormat::ollama_chat: return ollama_chat;
    case WireFormat::cohere_chat: return cohere_chat;
  }
  return openai_chat;
}

}  // namespace instructor::providers
