// The normalized reply every provider adapter produces, whatever its wire
// format: text and tool-call argument deltas, why the model stopped, usage,
// and errors reported inside a successful response. The extraction loop reads
// only this.
#pragma once

#include <string>
#include <string_view>

#include "instructor/result.h"
#include "instructor/usage.h"

namespace instructor::providers {

// An error the provider reported in a body or stream (not an HTTP failure).
struct ProviderError {
  std::string message;
  std::string type;  // "overloaded_error", "server_error", ...
  std::string code;  // "insufficient_quota", "json_validate_failed", ...
  // Text the model generated before the provider refused it (Groq's
  // failed_generation): worth re-asking with.
  std::string failed_generation;
};

class ReplySink {
 public:
  virtual ~ReplySink() = default;
  // A piece of the answer's text.
  virtual void text(std::string_view delta) = 0;
  // A piece of a refusal the provider reports apart from the text.
  virtual void refusal(std::string_view delta) = 0;
  // Tool call `index` starts (ids and names come once, with the first piece).
  virtual void tool_call(int index, std::string_view id, std::string_view name) = 0;
  // A piece of the JSON arguments of tool call `index`.
  virtual void tool_arguments(int index, std::string_view delta) = 0;
  virtual void finish(FinishReason reason, std::string_view raw) = 0;
  // The usage so far; replaces what was reported before (providers send running totals).
  virtual void usage(const Usage& usage) = 0;
  virtual void error(ProviderError error) = 0;
  // The provider's own end-of-stream mark ([DONE], message_stop, ...) or the end of a whole body.
  virtual void end() = 0;
  // An opaque value the provider wants back on the same part in the next
  // turn (Gemini's thoughtSignature): of tool call `tool_index`, or of the
  // text when -1. A re-ask echoes it.
  virtual void state(int /*tool_index*/, std::string_view /*value*/) {}
};

}  // namespace instructor::providers
