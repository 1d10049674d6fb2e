// The HTTP request every adapter sends for an attempt: a JSON POST.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "adapter.h"

namespace instructor::providers {

// `body` (the request's extra_body merged in) posted to `url` with
// Content-Type and Accept (`stream_type` when streaming), then the provider's
// own headers (auth, version), then the configured and the request's own
// headers. On a bad extra_body, `error` says why and the request is empty.
http::Request json_post(const AttemptSpec& spec, std::string url, std::string body,
                        std::vector<http::Header> provider_headers, std::string& error,
                        std::string_view stream_type = "text/event-stream");

// {"Authorization", "Bearer <key>"}, or nothing without a key.
std::vector<http::Header> bearer_auth(const ProviderConfig& config);

}  // namespace instructor::providers
