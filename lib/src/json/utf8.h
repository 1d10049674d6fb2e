// UTF-8 for the JSON and validation code: validity, code point counts, JSON string literals.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace instructor::utf8 {

// Strict UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF.
bool IsValid(std::string_view text);

// Code points of valid UTF-8 (every byte that does not continue a sequence).
uint64_t CountCodePoints(std::string_view text);

// `text` as a JSON string literal; invalid bytes become U+FFFD, and text past
// `max_code_points` is cut and replaced by "…".
std::string ToJsonString(std::string_view text, std::size_t max_code_points = 200);

}  // namespace instructor::utf8
