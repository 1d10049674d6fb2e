// The provider table (one row per provider: where it lives, how it
// authenticates, which modes it supports, its quirks) and the configuration
// a client resolves from a row, its options and the environment.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "instructor/http/message.h"
#include "instructor/mode.h"

namespace instructor::providers {

// The wire families; each has one adapter.
enum class WireFormat : std::uint8_t { openai_chat, anthropic_messages, gemini, ollama_chat, cohere_chat };

enum class Auth : std::uint8_t {
  bearer,      // Authorization: Bearer <key>
  api_key,     // api-key: <key> (Azure)
  x_api_key,   // x-api-key: <key> (Anthropic)
  goog_api_key,  // x-goog-api-key: <key> (Gemini)
};

// How a forced tool call is asked for.
enum class ToolChoice : std::uint8_t {
  named,     // {"type":"function","function":{"name":...}}
  any,       // "any" (Mistral)
  required,  // "required"
  omitted,   // no tool_choice at all (Ollama /v1): the prompt asks for the call
};

// What makes a provider differ from OpenAI's own Chat Completions.
struct Quirks {
  bool max_completion_tokens = false;  // the token limit is "max_completion_tokens", not "max_tokens"
  bool random_seed = false;            // the seed is "random_seed" (Mistral)
  bool developer_role = false;         // "developer" messages are understood (else sent as "system")
  bool stream_usage_option = true;     // send stream_options.include_usage
  bool strict_json_schema = true;      // JSON_SCHEMA sends the strict dialect with strict:true
  bool single_tool_call_flag = false;  // send parallel_tool_calls:false when one call is wanted
  bool tool_result_name = false;       // tool results carry the tool's "name" (Mistral)
  bool require_parameters = false;     // OpenRouter: route only to hosts that honour tools/response_format
  ToolChoice forced_choice = ToolChoice::named;  // how a single call is forced
  ToolChoice any_choice = ToolChoice::required;  // how "call at least one tool" is said
  bool azure_urls = false;             // deployment URLs with api-version
  bool ollama_format = false;          // JSON_SCHEMA becomes Ollama's format (a llama.cpp grammar): the ollama dialect
};

// One row of the provider table.
struct ProviderSpec {
  std::string_view name;          // "openai", the part before '/' in from_provider
  std::string_view display_name;  // "OpenAI"
  WireFormat wire;
  std::string_view base_url;      // default base URL ("" when the user must give one)
  std::string_view base_url_env;  // environment variable for the base URL
  Auth auth;
  std::string_view key_env;       // environment variable for the key ("" when none)
  bool key_required;
  Mode default_mode;
  ModeSet modes;
  Quirks quirks;
  std::string_view notes;         // for the README table
  std::string_view fallback_key_env = {};  // read when key_env is unset (Gemini's GOOGLE_API_KEY)
};

// Every provider, in the README's order.
std::span<const ProviderSpec> provider_table();
const ProviderSpec* find_provider(std::string_view name);
// "openai, azure_openai, ..." for an unknown-provider error.
std::string provider_names();

// A provider row made concrete for one client.
struct ProviderConfig {
  const ProviderSpec* spec = nullptr;
  std::string model;
  std::string base_url;     // without a trailing '/'
  std::string api_key;      // empty when the provider needs none
  std::string api_version;  // Azure
  Mode mode = Mode::tools;
  std::vector<http::Header> headers;  // sent with every request
  bool gemini_openapi_schema = false;  // Gemini: responseSchema / parameters (OpenAPI subset) instead of the JSON Schema fields
};

}  // namespace instructor::providers
