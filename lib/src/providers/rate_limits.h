// Rate-limit headers, as OpenAI-style providers and Anthropic send them.
#pragma once

#include <chrono>
#include <optional>
#include <string_view>

#include "instructor/http/message.h"
#include "instructor/result.h"

namespace instructor::providers {

// x-ratelimit-{limit,remaining,reset}-{requests,tokens}.
RateLimits openai_rate_limits(const http::Response& response);

// anthropic-ratelimit-{requests,tokens}-{limit,remaining} (its resets are
// timestamps, not durations, and are not read).
RateLimits anthropic_rate_limits(const http::Response& response);

// A Go-style duration as the reset headers write it: "120ms", "6m0s", "1.5s", "2h3m".
std::optional<std::chrono::milliseconds> parse_reset_duration(std::string_view text);

}  // namespace instructor::providers
