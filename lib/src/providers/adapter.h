// A provider adapter is the only place that knows a wire format: it builds the
// HTTP request for one attempt and turns the response (a whole body or a
// stream's bytes) into ReplySink events. One adapter per wire family; a
// provider is a row of provider_table.cc that names its adapter.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "instructor/http/message.h"
#include "instructor/mode.h"
#include "instructor/request.h"
#include "instructor/result.h"
#include "instructor/schema.h"
#include "provider_config.h"
#include "reply.h"

namespace instructor::providers {

// A call the model made, as sent back to it in a re-ask.
struct ToolCall {
  std::string id;
  std::string name;
  std::string arguments;  // JSON text
  std::string state;      // an opaque value the provider wants back with this call (ReplySink::state)
};

// One entry of the conversation: a user-given message, or a re-ask step.
struct Turn {
  enum class Kind { message, tool_calls, tool_result };
  Kind kind = Kind::message;
  ChatMessage message;            // Kind::message (assistant text for a JSON-mode re-ask)
  std::string state;              // Kind::message: the provider's opaque value for that text (ReplySink::state)
  std::vector<ToolCall> calls;    // Kind::tool_calls: what the assistant called
  std::string call_id;            // Kind::tool_result: the call it answers
  std::string tool_name;          // Kind::tool_result
  std::string content;            // Kind::tool_result: what the model is told
  bool is_error = false;          // Kind::tool_result
};

// A tool offered to the model: one per response model.
struct ToolSpec {
  std::string name;
  std::string description;
  std::shared_ptr<const std::string> parameters;  // JSON Schema text in the mode's dialect
};

// Everything an adapter needs to build one attempt's request.
struct AttemptSpec {
  const ProviderConfig& config;
  std::string_view model;
  Mode mode;
  const Request& request;
  const std::vector<Turn>& conversation;
  std::vector<ToolSpec> tools;  // tool modes: the tools; JSON_SCHEMA: tools[0] names the schema
  std::string schema_prompt;    // JSON and MD_JSON: the instruction with the schema
  bool stream = false;
};

// Turns the bytes of a streamed body into ReplySink events.
class StreamDecoder {
 public:
  virtual ~StreamDecoder() = default;
  // False once the stream is unusable (an event too large); error() says why.
  virtual bool feed(std::string_view bytes) = 0;
  virtual bool finish() = 0;
  virtual std::string error() const = 0;
};

class Adapter {
 public:
  virtual ~Adapter() = default;
  // The schema dialect this wire format sends in `mode` for a client configured with `config`
  // (its provider's quirks, its options).
  virtual SchemaDialect schema_dialect(Mode mode, const ProviderConfig& config) const = 0;
  // The HTTP request of one attempt, or a configuration error (an empty url and the reason in `error`).
  virtual http::Request build_request(const AttemptSpec& spec, std::string& error) const = 0;
  // A whole 2xx body.
  virtual void parse_body(std::string_view body, ReplySink& sink) const = 0;
  // A streamed 2xx body.
  virtual std::unique_ptr<StreamDecoder> stream_decoder(ReplySink& sink) const = 0;
  // The error a non-2xx body carries (message empty when it is not the provider's JSON, e.g. an HTML page).
  virtual ProviderError parse_error_body(std::string_view body) const = 0;
  // The header that names the request on the provider's side.
  virtual std::string_view request_id_header() const = 0;
  virtual RateLimits rate_limits(const http::Response& response) const = 0;
  // The wait a failed response's body asks for before a retry, where the
  // provider says it there rather than in a retry-after header.
  virtual std::optional<std::chrono::milliseconds> retry_delay(const http::Response& /*response*/) const {
    return std::nullopt;
  }
};

// The adapter that speaks to `provider` in `mode` (a provider may speak two
// wire formats, e.g. OpenAI's Chat Completions and Responses APIs).
const Adapter& adapter_for(const ProviderSpec& provider, Mode mode);

}  // namespace instructor::providers
