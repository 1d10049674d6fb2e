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

ResolvedProvider resolve_provider(std::string_view provider_and_model, const ClientOptions& options);

}  // namespace instructor::client
