// How the model is asked for structured output: through a tool call, the
// provider's native structured output, or JSON in plain text.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

namespace instructor {

enum class Mode : std::uint8_t {
  tools,           // one function tool whose parameters are the schema, the call forced
  tools_strict,    // the same with the provider's strict schema enforcement (OpenAI strict dialect)
  json_schema,     // native structured output: response_format json_schema, strict
  json,            // JSON mode (response_format json_object) with the schema in the system prompt
  md_json,         // plain text: the schema in the prompt, the answer in a ```json fenced block
  parallel_tools,  // several tools offered; every call the model makes is an answer
  // OpenAI's Responses API (/v1/responses) instead of Chat Completions:
  responses_tools,        // one flat strict function tool, the call forced
  responses_json_schema,  // text.format json_schema, strict
};

// True for the modes whose answer is a tool call (one, or several for PARALLEL_TOOLS).
bool answers_with_tools(Mode mode);

// True for the modes sent to OpenAI's Responses API.
bool uses_responses_api(Mode mode);

// "TOOLS", "TOOLS_STRICT", "JSON_SCHEMA", "JSON", "MD_JSON", "PARALLEL_TOOLS",
// "RESPONSES_TOOLS", "RESPONSES_JSON_SCHEMA".
std::string_view mode_name(Mode mode);

// The mode of a name as mode_name() writes it (any case, '-' for '_' allowed).
std::optional<Mode> parse_mode(std::string_view name);

// A set of modes, e.g. the ones a provider supports.
class ModeSet {
 public:
  constexpr ModeSet() = default;
  constexpr ModeSet(std::initializer_list<Mode> modes) {
    for (Mode m : modes) bits_ |= bit(m);
  }
  constexpr bool contains(Mode mode) const { return (bits_ & bit(mode)) != 0; }
  constexpr bool empty() const { return bits_ == 0; }
  // "TOOLS, JSON_SCHEMA, JSON" in declaration order.
  std::string to_string() const;

 private:
  static constexpr std::uint32_t bit(Mode m) { return 1u << static_cast<unsigned>(m); }
  std::uint32_t bits_ = 0;
};

}  // namespace instructor
