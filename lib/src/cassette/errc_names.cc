#include "errc_names.h"

#include <array>
#include <utility>

namespace instructor::cassette {
namespace {

using http::Errc;

constexpr std::array<std::pair<Errc, std::string_view>, 18> kNames{{
    {Errc::invalid_url, "invalid_url"},
    {Errc::invalid_request, "invalid_request"},
    {Errc::resolve_failed, "resolve_failed"},
    {Errc::connect_failed, "connect_failed"},
    {Errc::connect_timeout, "connect_timeout"},
    {Errc::request_timeout, "request_timeout"},
    {Errc::idle_timeout, "idle_timeout"},
    {Errc::tls_handshake_failed, "tls_handshake_failed"},
    {Errc::certificate_untrusted, "certificate_untrusted"},
    {Errc::host_name_mismatch, "host_name_mismatch"},
    {Errc::proxy_failed, "proxy_failed"},
    {Errc::connection_closed, "connection_closed"},
    {Errc::connection_reset, "connection_reset"},
    {Errc::protocol_error, "protocol_error"},
    {Errc::body_too_large, "body_too_large"},
    {Errc::headers_too_large, "headers_too_large"},
    {Errc::cancelled, "cancelled"},
    {Errc::not_in_cassette, "not_in_cassette"},
}};

}  // namespace

std::string_view errc_name(Errc code) {
  for (const auto& [errc, name] : kNames)
    if (errc == code) return name;
  return "connection_reset";
}

std::optional<Errc> errc_from_name(std::string_view name) {
  for (const auto& [errc, errc_text] : kNames)
    if (errc_text == name) return errc;
  return std::nullopt;
}

}  // namespace instructor::cassette
