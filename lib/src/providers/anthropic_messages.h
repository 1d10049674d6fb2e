// The Anthropic Messages API (PROVIDERS.md §2): x-api-key and
// anthropic-version headers, a top-level system prompt, max_tokens always
// sent, tool_use / tool_result blocks, output_config.format for JSON_SCHEMA,
// and its typed SSE events.
#pragma once

#include <cstdint>
#include <string_view>

#include "adapter.h"

namespace instructor::providers {

// Sent when the request sets no max_tokens: the Messages API requires one.
inline constexpr std::int64_t kAnthropicDefaultMaxTokens = 4096;
inline constexpr std::string_view kAnthropicVersion = "2023-06-01";

class AnthropicMessagesAdapter final : public Adapter {
 public:
  SchemaDialect schema_dialect(Mode mode, const ProviderConfig& config) const override;
  http::Request build_request(const AttemptSpec& spec, std::string& error) const override;
  void parse_body(std::string_view body, ReplySink& sink) const override;
  std::unique_ptr<StreamDecoder> stream_decoder(ReplySink& sink) const override;
  ProviderError parse_error_body(std::string_view body) const override;
  std::string_view request_id_header() const override { return "request-id"; }
  RateLimits rate_limits(const http::Response& response) const override;
};

// A stop_reason as the extraction loop understands it.
FinishReason anthropic_finish_reason(std::string_view stop_reason);

}  // namespace instructor::providers
