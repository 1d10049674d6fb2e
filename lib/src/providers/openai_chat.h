// The OpenAI Chat Completions wire format, spoken by OpenAI, Azure OpenAI,
// Mistral, Groq, Together, DeepSeek, OpenRouter, Fireworks, xAI, Cerebras,
// Ollama's /v1 and every OpenAI-compatible server (their differences are
// Quirks in the provider table).
#pragma once

#include "adapter.h"

namespace instructor::providers {

class OpenAiChatAdapter final : public Adapter {
 public:
  SchemaDialect schema_dialect(Mode mode, const ProviderConfig& config) const override;
  http::Request build_request(const AttemptSpec& spec, std::string& error) const override;
  void parse_body(std::string_view body, ReplySink& sink) const override;
  std::unique_ptr<StreamDecoder> stream_decoder(ReplySink& sink) const override;
  ProviderError parse_error_body(std::string_view body) const override;
  std::string_view request_id_header() const override { return "x-request-id"; }
  RateLimits rate_limits(const http::Response& response) const override;
};

// The chat completions URL of a configuration (Azure's deployment URLs included).
std::string openai_chat_url(const ProviderConfig& config, std::string_view model);

}  // namespace instructor::providers
