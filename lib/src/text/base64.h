// Base64 (RFC 4648, standard alphabet, padded) for proxy credentials, image
// bytes sent as data URLs, and cassette bytes that are not UTF-8.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace instructor::text {

std::string base64_encode(std::string_view bytes);
// The bytes of padded base64 text; empty when `text` is not base64.
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace instructor::text
