// The public view of the provider table.
#include "instructor/providers.h"
#include "provider_config.h"

namespace instructor {
namespace {

std::string_view auth_header_name(providers::Auth auth) {
  switch (auth) {
    case providers::Auth::bearer: return "Authorization: Bearer";
    case providers::Auth::api_key: return "api-key";
    case providers::Auth::x_api_key: return "x-api-key";
    case providers::Auth::goog_api_key: return "x-goog-api-key";
  }
  return "?";
}

}  // namespace

std::vector<ProviderInfo> known_providers() {
  std::vector<ProviderInfo> out;
  for (const providers::ProviderSpec& spec : providers::provider_table()) {
    out.push_back(ProviderInfo{spec.name, spec.display_name, spec.base_url, spec.base_url_env, spec.key_env,
                               spec.key_required,
                               auth_header_name(spec.auth),
                               spec.default_mode, spec.modes, spec.notes, spec.fallback_key_env});
  }
  return out;
}

std::string providers_markdown_table() {
  std::string table =
      "| provider | base URL (variable) | key | default mode | modes | notes |\n"
      "| --- | --- | --- | --- | --- | --- |\n";
  for (const ProviderInfo& p : known_providers()) {
    std::string base = p.base_url.empty() ? "required" : "`" + std::string(p.base_url) + "`";
    std::string key = p.key_env.empty() ? "none" : "`" + std::string(p.key_env) + "`";
    if (!p.fallback_key_env.empty()) key += " (else `" + std::string(p.fallback_key_env) + "`)";
    if (!p.key_env.empty() && !p.key_required) key += " (optional)";
    if (!p.key_env.empty()) key += ", `" + std::string(p.auth_header) + "`";
    table += "| `" + std::string(p.name) + "` " + std::string(p.display_name) + " | " + base + " (`" +
             std::string(p.base_url_env) + "`) | " + key + " | " + std::string(mode_name(p.default_mode)) + " | " +
             p.modes.to_string() + " | " + std::string(p.notes) + " |\n";
  }
  return table;
}

}  // namespace instructor
