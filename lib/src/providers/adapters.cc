// Which adapter speaks which wire format.
#include "adapter.h"
#include "openai_chat.h"

namespace instructor::providers {

const Adapter& adapter_for(const ProviderSpec& provider, Mode /*mode*/) {
  static const OpenAiChatAdapter openai_chat;
  switch (provider.wire) {
    case WireFormat::openai_chat: return openai_chat;
  }
  return openai_chat;
}

}  // namespace instructor::providers
