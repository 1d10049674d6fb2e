// Absolute http/https URLs, split into what a connection needs.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace instructor::http {

struct Url {
  std::string scheme;     // "http" or "https", lower case
  std::string userinfo;   // "user:password" before '@', usually empty
  std::string host;       // lower case; IPv6 without brackets
  std::uint16_t port = 0; // explicit or the scheme's default
  std::string target;     // path and query, at least "/"

  bool tls() const { return scheme == "https"; }
  // host[:port] as the Host header wants it (port omitted when default, IPv6 bracketed).
  std::string host_header() const;
  // host:port as CONNECT wants it.
  std::string authority() const;

  // Parses scheme://[userinfo@]host[:port][/path][?query]; the fragment is dropped.
  // Empty for anything else, including schemes other than http and https.
  static std::optional<Url> parse(std::string_view text);
};

}  // namespace instructor::http
