// Errors of the HTTP transport: a code to branch on and a message to read.
#pragma once

#include <string>
#include <system_error>

namespace instructor::http {

// What went wrong with a request, before or instead of a usable response.
enum class Errc {
  invalid_url = 1,           // the URL could not be parsed, or its scheme is not http/https
  invalid_request,           // a method or header that cannot be sent (e.g. a CR or LF in a header value)
  resolve_failed,            // the host name did not resolve
  connect_failed,            // no address accepted the connection
  connect_timeout,           // TCP connect + TLS handshake took longer than the connect timeout
  request_timeout,           // the whole attempt took longer than the request timeout
  idle_timeout,              // no byte arrived for longer than the idle timeout
  tls_handshake_failed,      // TLS failed for a reason other than the certificate
  certificate_untrusted,     // the peer's chain does not verify against the trusted CAs
  host_name_mismatch,        // the certificate is valid but not for this host name
  proxy_failed,              // the proxy refused or broke the CONNECT tunnel
  connection_closed,         // the peer closed the connection before the response was complete
  connection_reset,          // a socket error while sending or receiving
  protocol_error,            // the peer's bytes are not valid HTTP/1.1
  body_too_large,            // the response body is larger than the configured cap
  headers_too_large,         // the response header block is larger than its cap
  cancelled,                 // the caller cancelled the request
  not_in_cassette,           // replaying a cassette (instructor/cassette.h) that holds no recording of the request
};

// The error_category of Errc ("instructor.http").
const std::error_category& http_category() noexcept;

inline std::error_code make_error_code(Errc e) noexcept { return {static_cast<int>(e), http_category()}; }

// A transport error: a code, a readable message (secrets already redacted),
// and whether the request may have reached the server.
class Error {
 public:
  Error() = default;
  Error(Errc code, std::string message, bool request_sent = false)
      : code_(make_error_code(code)), message_(std::move(message)), request_sent_(request_sent) {}

  std::error_code code() const { return code_; }
  const std::string& message() const { return message_; }
  // True when the whole request was written, so the server may have acted on it.
  bool request_sent() const { return request_sent_; }
  explicit operator bool() const { return static_cast<bool>(code_); }
  bool operator==(Errc e) const { return code_ == make_error_code(e); }

 private:
  std::error_code code_;
  std::string message_;
  bool request_sent_ = false;
};

}  // namespace instructor::http

template <>
struct std::is_error_code_enum<instructor::http::Errc> : std::true_type {};
