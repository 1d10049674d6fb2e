// How a failed socket operation reads as an Error: which timeout, which
// phase, how many bytes; redacted like every message about a request.
#pragma once

#include <cstddef>
#include <string>

#include "asio.h"
#include "attempt.h"

namespace instructor::http::detail {

// Where in an attempt an operation failed.
enum class Phase { connect, proxy, handshake, write, read_header, read_body };

// True for the errors a peer closing (or resetting) the connection causes.
bool is_peer_closed(const error_code& ec);

// An error about the request of `x`, its message redacted.
Error request_error(const Exchange& x, Errc code, const std::string& message, bool sent = false);

// The error for a failed operation: the caller's cancellation or the
// attempt's deadline first, then the timeout, close, or parse error `ec` says.
Error operation_error(const Exchange& x, const error_code& ec, Phase phase, bool sent, std::size_t body_bytes = 0);

}  // namespace instructor::http::detail
