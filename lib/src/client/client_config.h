// From "provider/model", the client's options and the environment to a
// ProviderConfig, or a configuration error that says what to set.
#pragma once

#include <optional>
#include <string_view>

#include "../providers/provider_config.h"
#include "instructor/client.h"

namespace instructor::client {

struct ResolvedProvider {
  providers::ProviderConfig config;
  std::optional<ExtractError> error;
};

// `replaying` a cassette: no key is needed.
ResolvedProvider resolve_provider(std::string_view provider_and_model, const ClientOptions& options,
                                  bool replaying = false);

// A variable of the options' environment first, then of the process's; empty when unset.
std::string environment_value(const ClientOptions& options, std::string_view name);

}  // namespace instructor::client
