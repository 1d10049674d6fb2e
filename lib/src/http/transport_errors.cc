#include "transport_errors.h"

namespace instructor::http::detail {
namespace {

const char* phase_name(Phase phase) {
  switch (phase) {
    case Phase::connect: return "connecting";
    case Phase::proxy: return "opening the proxy tunnel";
    case Phase::handshake: return "in the TLS handshake";
    case Phase::write: return "sending the request";
    case Phase::read_header: return "waiting for the response headers";
    case Phase::read_body: return "reading the response body";
  }
  return "";
}

bool is_http_parse_error(const error_code& ec) {
  return &ec.category() == &bhttp::make_error_code(bhttp::error::bad_version).category();
}

}  // namespace

bool is_peer_closed(const error_code& ec) {
  return ec == asio::error::eof || ec == bhttp::error::end_of_stream || ec == bhttp::error::partial_message ||
         ec == asio::error::connection_reset || ec == asio::error::broken_pipe ||
         ec == ssl::error::stream_truncated;
}

Error request_error(const Exchange& x, Errc code, const std::string& message, bool sent) {
  return Error(code, x.redact(message), sent);
}

Error operation_error(const Exchange& x, const error_code& ec, Phase phase, bool sent, std::size_t body_bytes) {
  const std::string& where = x.where;
  auto fail = [&x](Errc code, const std::string& message, bool sent_ = false) {
    return request_error(x, code, message, sent_);
  };
  if (auto reason = x.control->reason()) {
    if (*reason == Errc::cancelled) return fail(Errc::cancelled, "request " + where + " cancelled while " + phase_name(phase), sent);
    return fail(Errc::request_timeout, "request " + where + " timed out after " +
                                           std::to_string(x.timeouts.request.count()) + " ms while " + phase_name(phase),
                sent);
  }
  if (ec == beast::error::timeout) {
    if (phase == Phase::connect || phase == Phase::proxy || phase == Phase::handshake) {
      return fail(Errc::connect_timeout, "connect timeout: no connection to " + where + " within " +
                                             std::to_string(x.timeouts.connect.count()) + " ms (" + phase_name(phase) + ")");
    }
    return fail(Errc::idle_timeout, "idle timeout: nothing received from " + where + " for " +
                                        std::to_string(x.timeouts.idle.count()) + " ms while " + phase_name(phase) +
                                        (phase == Phase::read_body ? " (after " + std::to_string(body_bytes) + " body bytes)" : ""),
                sent);
  }
  if (ec == bhttp::error::header_limit) {
    return fail(Errc::headers_too_large, "response headers of " + where + " exceed " +
                                             std::to_string(x.state->options.max_header_bytes) + " bytes", sent);
  }
  if (is_peer_closed(ec)) {
    std::string detail = phase == Phase::read_body ? " after " + std::to_string(body_bytes) + " body bytes" : "";
    if (phase == Phase::connect) return fail(Errc::connect_failed, "cannot connect to " + where + ": " + ec.message());
    return fail(ec == asio::error::connection_reset || ec == asio::error::broken_pipe ? Errc::connection_reset
                                                                                       : Errc::connection_closed,
                "the server closed the connection of " + where + " while " + phase_name(phase) + detail + " (" +
                    ec.message() + ")",
                sent);
  }
  if (is_http_parse_error(ec)) {
    return fail(Errc::protocol_error, "invalid HTTP response from " + where + ": " + ec.message(), sent);
  }
  if (phase == Phase::connect) return fail(Errc::connect_failed, "cannot connect to " + where + ": " + ec.message());
  return fail(Errc::connection_reset, "connection error with " + where + " while " + phase_name(phase) + ": " +
                                          ec.message(), sent);
}

}  // namespace instructor::http::detail
