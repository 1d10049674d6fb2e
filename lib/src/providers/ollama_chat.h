// Ollama's native chat API (PROVIDERS.md §4): POST {host}/api/chat, the schema
// in "format", tools in the OpenAI shape with arguments as objects, NDJSON
// streaming ending at "done":true. Reached as "ollama_native/<model>";
// "ollama/<model>" speaks the OpenAI-compatible /v1 route.
#pragma once

#include "adapter.h"

namespace instructor::providers {

class OllamaChatAdapter final : public Adapter {
 public:
  SchemaDialect schema_dialect(Mode mode, const ProviderConfig& config) const override;
  http::Request build_request(const AttemptSpec& spec, std::string& error) const override;
  void parse_body(std::string_view body, ReplySink& sink) const override;
  std::unique_ptr<StreamDecoder> stream_decoder(ReplySink& sink) const override;
  ProviderError parse_error_body(std::string_view body) const override;
  std::string_view request_id_header() const override { return "x-request-id"; }
  RateLimits rate_limits(const http::Response& response) const override;
};

}  // namespace instructor::providers
