// The providers from_provider() knows: where each lives, how it takes its key,
// its default mode and the modes it supports.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "instructor/mode.h"

namespace instructor {

struct ProviderInfo {
  std::string_view name;          // "openai": the part before '/' in from_provider
  std::string_view display_name;  // "OpenAI"
  std::string_view base_url;      // the default ("" when one must be given)
  std::string_view base_url_env;  // the environment variable that overrides it
  std::string_view key_env;       // the environment variable of the key ("" when none)
  bool key_required;
  std::string_view auth_header;   // "Authorization: Bearer", "api-key"
  Mode default_mode;
  ModeSet modes;
  std::string_view notes;         // what differs from OpenAI's own API
  std::string_view fallback_key_env;  // read when key_env is unset ("" when none)
};

// Every provider, in the order of the README's table.
std::vector<ProviderInfo> known_providers();

// The providers as the README's Markdown table.
std::string providers_markdown_table();

}  // namespace instructor
