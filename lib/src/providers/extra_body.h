// Request.extra_body: a JSON object merged into a request body at the top level.
#pragma once

#include <string>
#include <string_view>

namespace instructor::providers {

// Replaces or adds each top-level member of `extra` in the JSON object `body`.
// Returns an error (and leaves `body` alone) when `extra` is not a JSON object.
std::string merge_extra_body(std::string& body, std::string_view extra);

}  // namespace instructor::providers
