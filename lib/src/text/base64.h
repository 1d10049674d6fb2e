// Base64 (RFC 4648, standard alphabet, padded) for proxy credentials and
// image bytes sent as data URLs.
#pragma once

#include <string>
#include <string_view>

namespace instructor::text {

std::string base64_encode(std::string_view bytes);

}  // namespace instructor::text
