// Which proxy, if any, a request goes through.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "instructor/http/url.h"

namespace instructor::http {

// HTTP proxies, as curl and the Python SDKs read them from the environment.
// http:// requests go to the proxy with the absolute URL as target; https://
// requests open a CONNECT tunnel through it and run TLS to the origin inside.
struct ProxySettings {
  std::string http_proxy;   // proxy URL for http:// requests, e.g. "http://127.0.0.1:3128"
  std::string https_proxy;  // proxy URL for https:// requests
  std::string no_proxy;     // comma-separated hosts, domain suffixes (".corp" or "corp"), host:port,
                            // IP ranges ("10.0.0.0/8", "fd00::/8"), or "*"

  // HTTPS_PROXY / https_proxy, HTTP_PROXY / http_proxy, NO_PROXY / no_proxy
  // (lower case wins). ALL_PROXY / all_proxy is used when the specific one is unset.
  static ProxySettings from_environment();

  // The URL of the proxy to use for `target`, or nothing for a direct
  // connection. A proxy without scheme gets http://. The transport fails the
  // request (Errc::proxy_failed) rather than going direct when this URL is
  // unusable, so a typo never silently bypasses the proxy.
  std::optional<std::string> proxy_for(const Url& target) const;

  // True when `no_proxy` exempts this host and port.
  bool bypasses(std::string_view host, std::uint16_t port) const;
};

}  // namespace instructor::http
