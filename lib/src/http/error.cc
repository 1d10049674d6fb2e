#include "instructor/http/error.h"

namespace instructor::http {
namespace {

class HttpCategory final : public std::error_category {
 public:
  const char* name() const noexcept override { return "instructor.http"; }
  std::string message(int value) const override {
    switch (static_cast<Errc>(value)) {
      case Errc::invalid_url: return "invalid URL";
      case Errc::invalid_request: return "invalid request";
      case Errc::resolve_failed: return "host name did not resolve";
      case Errc::connect_failed: return "connection failed";
      case Errc::connect_timeout: return "connect timeout";
      case Errc::request_timeout: return "request timeout";
      case Errc::idle_timeout: return "idle timeout: no data received";
      case Errc::tls_handshake_failed: return "TLS handshake failed";
      case Errc::certificate_untrusted: return "TLS certificate not trusted";
      case Errc::host_name_mismatch: return "TLS certificate does not match the host name";
      case Errc::proxy_failed: return "proxy tunnel failed";
      case Errc::connection_closed: return "connection closed by the peer";
      case Errc::connection_reset: return "connection error";
      case Errc::protocol_error: return "invalid HTTP response";
      case Errc::body_too_large: return "response body too large";
      case Errc::headers_too_large: return "response headers too large";
      case Errc::cancelled: return "request cancelled";
      case Errc::not_in_cassette: return "request not in the cassette";
    }
    return "unknown HTTP transport error";
  }
};

}  // namespace

const std::error_category& http_category() noexcept {
  static const HttpCategory category;
  return category;
}

}  // namespace instructor::http
