// OpenAI's Responses API (/v1/responses, PROVIDERS.md §1 "Responses API"):
// the modes RESPONSES_TOOLS (one flat strict function tool, the call forced)
// and RESPONSES_JSON_SCHEMA (text.format json_schema). Spoken by OpenAI and
// Azure OpenAI; every other mode of theirs goes to Chat Completions.
#pragma once

#include "adapter.h"

namespace instructor::providers {

class OpenAiResponsesAdapter final : public Adapter {
 public:
  SchemaDialect schema_dialect(Mode mode, const ProviderConfig& config) const override;
  http::Request build_request(const AttemptSpec& spec, std::string& error) const override;
  void parse_body(std::string_view body, ReplySink& sink) const override;
  std::unique_ptr<StreamDecoder> stream_decoder(ReplySink& sink) const override;
  ProviderError parse_error_body(std::string_view body) const override;
  std::string_view request_id_header() const override { return "x-request-id"; }
  RateLimits rate_limits(const http::Response& response) const override;
};

// The responses URL of a configuration: base + "/responses"; for Azure,
// "/openai/v1/responses" (api-version unset or "v1"), else
// "/openai/responses?api-version=<version>".
std::string openai_responses_url(const ProviderConfig& config);

}  // namespace instructor::providers
