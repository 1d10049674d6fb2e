// The transport's error codes by name, as a cassette writes them.
#pragma once

#include <optional>
#include <string_view>

#include "instructor/http/error.h"

namespace instructor::cassette {

std::string_view errc_name(http::Errc code);
std::optional<http::Errc> errc_from_name(std::string_view name);

}  // namespace instructor::cassette
