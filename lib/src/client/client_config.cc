#include "client_config.h"

#include <cstdlib>

#include "instructor/http/url.h"

namespace instructor::client {
std::string environment_value(const ClientOptions& options, std::string_view name) {
  if (name.empty()) return {};
  if (auto it = options.environment.find(name); it != options.environment.end()) return it->second;
  const char* value = std::getenv(std::string(name).c_str());
  return value ? value : "";
}

namespace {

using providers::ProviderSpec;

ExtractError configuration_error(std::string message) { return ExtractError(ErrorKind::configuration, std::move(message)); }

// OLLAMA_HOST is "host", "host:port" or a URL; the /v1 API lives under it
// (`with_v1`), the native /api under the host itself.
std::string ollama_base_url(std::string host, bool with_v1) {
  if (host.find("://") == std::string::npos) host = "http://" + host;
  const std::size_t authority = host.find("://") + 3;
  const std::size_t path = host.find('/', authority);
  std::string hostport = host.substr(authority, path == std::string::npos ? std::string::npos : path - authority);
  if (hostport.find(':') == std::string::npos || hostport.back() == ']') {
    host.insert(path == std::string::npos ? host.size() : path, ":11434");
  }
  while (!host.empty() && host.back() == '/') host.pop_back();
  if (with_v1 && (host.size() < 3 || host.compare(host.size() - 3, 3, "/v1") != 0)) host += "/v1";
  return host;
}

std::string base_url_of(const ProviderSpec& spec, const ClientOptions& options) {
  std::string url = options.base_url;
  if (url.empty()) {
    url = environment_value(options, spec.base_url_env);
    if (!url.empty() && spec.name == "ollama") url = ollama_base_url(url, true);
    if (!url.empty() && spec.name == "ollama_native") url = ollama_base_url(url, false);
  }
  if (url.empty()) url = spec.base_url;
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

}  // namespace

ResolvedProvider resolve_provider(std::string_view provider_and_model, const ClientOptions& options, bool replaying) {
  ResolvedProvider out;
  const std::size_t slash = provider_and_model.find('/');
  const std::string_view provider = provider_and_model.substr(0, slash);
  const ProviderSpec* spec = providers::find_provider(provider);
  if (spec == nullptr) {
    out.error = configuration_error("unknown provider \"" + std::string(provider) + "\" in \"" +
                                    std::string(provider_and_model) + "\"; known providers: " + providers::provider_names());
    return out;
  }
  providers::ProviderConfig& config = out.config;
  config.spec = spec;
  if (slash == std::string_view::npos || slash + 1 == provider_and_model.size()) {
    out.error = configuration_error("no model in \"" + std::string(provider_and_model) + "\": write \"" +
                                    std::string(provider) + "/<model>\", e.g. \"openai/gpt-4o-mini\"");
    return out;
  }
  config.model = provider_and_model.substr(slash + 1);

  config.base_url = base_url_of(*spec, options);
  if (config.base_url.empty()) {
    out.error = configuration_error(std::string(spec->name) + " needs a base URL: set " + std::string(spec->base_url_env) +
                                    " or ClientOptions::base_url");
    return out;
  }
  if (!http::Url::parse(config.base_url)) {
    out.error = configuration_error(std::string(spec->name) + ": the base URL \"" + config.base_url +
                                    "\" is not an http:// or https:// URL");
    return out;
  }

  config.api_key = options.api_key.empty() ? environment_value(options, spec->key_env) : options.api_key;
  if (config.api_key.empty()) config.api_key = environment_value(options, spec->fallback_key_env);
  if (config.api_key.empty() && spec->key_required && !replaying) {
    const std::string variables = std::string(spec->key_env) +
                                  (spec->fallback_key_env.empty() ? "" : " (or " + std::string(spec->fallback_key_env) + ")");
    out.error = configuration_error("no API key for " + std::string(spec->name) + ": set " + variables +
                                    " or ClientOptions::api_key");
    return out;
  }

  config.api_version = options.api_version;
  if (config.api_version.empty() && spec->quirks.azure_urls) {
    config.api_version = environment_value(options, "AZURE_OPENAI_API_VERSION");
    if (config.api_version.empty()) config.api_version = environment_value(options, "OPENAI_API_VERSION");
  }

  config.mode = options.mode.value_or(spec->default_mode);
  if (!spec->modes.contains(config.mode)) {
    out.error = configuration_error("mode " + std::string(mode_name(config.mode)) + " is not supported by " +
                                    std::string(spec->name) + " (supported: " + spec->modes.to_string() + ")");
    return out;
  }
  config.headers = options.headers;
  config.gemini_openapi_schema = options.gemini_openapi_schema;
  return out;
}

}  // namespace instructor::client
