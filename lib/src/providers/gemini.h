// The Gemini API (PROVIDERS.md §3): x-goog-api-key, contents with user and
// model roles, systemInstruction, functionDeclarations forced with
// functionCallingConfig ANY, responseJsonSchema for JSON_SCHEMA, thought parts
// skipped and thoughtSignature echoed, SSE chunks that are whole responses.
#pragma once

#include <string_view>

#include "adapter.h"

namespace instructor::providers {

class GeminiAdapter final : public Adapter {
 public:
  SchemaDialect schema_dialect(Mode mode, const ProviderConfig& config) const override;
  http::Request build_request(const AttemptSpec& spec, std::string& error) const override;
  void parse_body(std::string_view body, ReplySink& sink) const override;
  std::unique_ptr<StreamDecoder> stream_decoder(ReplySink& sink) const override;
  ProviderError parse_error_body(std::string_view body) const override;
  // The Gemini API names no request in its response headers.
  std::string_view request_id_header() const override { return {}; }
  RateLimits rate_limits(const http::Response&) const override { return {}; }
  // The retryDelay of the error's google.rpc.RetryInfo detail ("34.4s").
  std::optional<std::chrono::milliseconds> retry_delay(const http::Response& response) const override;
};

// A finishReason (or a promptFeedback blockReason) as the extraction loop understands it.
FinishReason gemini_finish_reason(std::string_view reason);

}  // namespace instructor::providers
