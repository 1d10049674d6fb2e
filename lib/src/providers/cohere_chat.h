// Cohere's v2 chat API (PROVIDERS.md §5): POST {base}/v2/chat with a bearer
// key, tools in the OpenAI shape with "strict_tools" and an upper-case
// "tool_choice", structured output as response_format json_object with the
// schema in "json_schema", SSE events typed "content-delta",
// "tool-call-start", "tool-call-delta", "message-end"..., no [DONE].
#pragma once

#include "adapter.h"

namespace instructor::providers {

class CohereChatAdapter final : public Adapter {
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
