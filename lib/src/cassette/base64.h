// Base64 (RFC 4648) for the bytes of a cassette that are not UTF-8 text.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace instructor::cassette {

std::string base64_encode(std::string_view bytes);
// Empty when `text` is not base64.
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace instructor::cassette
