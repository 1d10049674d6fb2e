// Opens a connection for a request: resolve (or a resolve override), TCP
// connect, CONNECT tunnel through a proxy, TLS handshake with SNI and host
// name verification, all within the connect timeout.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "asio.h"
#include "attempt.h"
#include "connection_pool.h"

namespace instructor::http::detail {

// A new connection to the request's origin (or to `proxy`, through which TLS
// is tunnelled); null with `error` set when it cannot be opened.
asio::awaitable<std::unique_ptr<Connection>> open_connection(Exchange& x, const std::optional<Url>& proxy,
                                                             Error& error);

// "Basic <base64(user:password)>" for a proxy URL with credentials.
std::string proxy_authorization(const Url& proxy);

}  // namespace instructor::http::detail
