#include "connect.h"

#include <chrono>
#include <vector>

#include "../text/base64.h"
#include "transport_errors.h"

namespace instructor::http::detail {
namespace {

using Clock = std::chrono::steady_clock;

// Asks the proxy for a tunnel to the origin; the TLS handshake then runs inside it.
asio::awaitable<Error> open_tunnel(Exchange& x, beast::tcp_stream& stream, const Url& proxy, Clock::time_point deadline) {
  const ClientState& state = *x.state;
  const RequestControl& control = *x.control;
  auto fail = [&x](Errc code, const std::string& message) { return request_error(x, code, message); };
  auto io_error = [&x](const error_code& ec, Phase phase, bool sent) { return operation_error(x, ec, phase, sent); };
  const Url& url = *x.url;
  bhttp::request<bhttp::empty_body> connect{bhttp::verb::connect, url.authority(), 11};
  connect.set(bhttp::field::host, url.authority());
  connect.set(bhttp::field::user_agent, state.options.user_agent);
  if (!proxy.userinfo.empty()) connect.set(bhttp::field::proxy_authorization, proxy_authorization(proxy));
  error_code ec;
  stream.expires_at(deadline);
  co_await bhttp::async_write(stream, connect, asio::redirect_error(asio::use_awaitable, ec));
  if (ec || control.reason()) co_return io_error(ec, Phase::proxy, false);
  beast::flat_buffer buffer;
  bhttp::response_parser<bhttp::empty_body> parser;
  parser.skip(true);  // a 2xx answer to CONNECT has no body: the tunnel starts right after the headers
  co_await bhttp::async_read_header(stream, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
  if (ec || control.reason()) co_return io_error(ec, Phase::proxy, false);
  unsigned status = parser.get().result_int();
  if (status / 100 != 2) {
    co_return fail(Errc::proxy_failed, "the proxy " + proxy.authority() + " refused to open a tunnel to " +
                                           url.authority() + ": " + std::to_string(status) + " " +
                                           std::string(parser.get().reason()));
  }
  if (buffer.size() != 0) {
    co_return fail(Errc::proxy_failed, "the proxy " + proxy.authority() + " sent data before the TLS handshake");
  }
  co_return Error();
}

}  // namespace

std::string proxy_authorization(const Url& proxy) { return "Basic " + text::base64_encode(proxy.userinfo); }

asio::awaitable<std::unique_ptr<Connection>> open_connection(Exchange& x, const std::optional<Url>& proxy,
                                                             Error& error) {
  ClientState& state = *x.state;
  RequestControl& control = *x.control;
  auto fail = [&x](Errc code, const std::string& message) { return request_error(x, code, message); };
  auto io_error = [&x](const error_code& ec, Phase phase, bool sent) { return operation_error(x, ec, phase, sent); };
  const Url& url = *x.url;
  const Url& peer = proxy ? *proxy : url;
  Clock::time_point deadline = Clock::now() + x.timeouts.connect;
  error_code ec;

  // Resolve, or take the configured address.
  std::vector<tcp::endpoint> endpoints;
  auto override_it = state.options.resolve_overrides.find(peer.host + ":" + std::to_string(peer.port));
  if (override_it != state.options.resolve_overrides.end()) {
    auto address = asio::ip::make_address(override_it->second, ec);
    if (ec) {
      error = fail(Errc::resolve_failed, "the resolve override for " + peer.authority() + " is not an IP address");
      co_return nullptr;
    }
    endpoints.emplace_back(address, peer.port);
  } else {
    tcp::resolver resolver(state.strand);
    AbortHook hook(control, [&resolver] { resolver.cancel(); });
    auto results = co_await resolver.async_resolve(peer.host, std::to_string(peer.port),
                                                   asio::redirect_error(asio::use_awaitable, ec));
    if (ec || control.reason()) {
      error = control.reason() ? io_error(ec, Phase::connect, false)
                                : fail(Errc::resolve_failed, "cannot resolve " + peer.host + ": " + ec.message());
      co_return nullptr;
    }
    for (const auto& entry : results) endpoints.push_back(entry.endpoint());
  }

  beast::tcp_stream stream(state.strand);
  {
    AbortHook hook(control, [&stream] { stream.close(); });
    stream.expires_at(deadline);
    co_await stream.async_connect(endpoints, asio::redirect_error(asio::use_awaitable, ec));
    if (ec || control.reason()) {
      error = io_error(ec ? ec : asio::error::operation_aborted, Phase::connect, false);
      co_return nullptr;
    }
    stream.socket().set_option(tcp::no_delay(true), ec);
    if (proxy && url.tls()) {
      error = co_await open_tunnel(x, stream, *proxy, deadline);
      if (error) co_return nullptr;
    }
  }
  ++state.connections_opened;
  auto connection = std::make_unique<Connection>(std::move(stream));
  if (!url.tls()) {
    state.log("http: connected to " + peer.authority() + (proxy ? " (proxy)" : ""));
    co_return connection;
  }

  if (!state.tls.setup_error().empty()) {
    error = fail(Errc::tls_handshake_failed, "TLS is not usable for " + x.where + ": " + state.tls.setup_error());
    co_return nullptr;
  }
  connection->secure = std::make_unique<ssl::stream<beast::tcp_stream>>(std::move(*connection->plain),
                                                                         state.tls.context());
  connection->plain.reset();
  if (std::string problem = state.tls.prepare(*connection->secure, url.host); !problem.empty()) {
    error = fail(Errc::tls_handshake_failed, problem + " for " + x.where);
    co_return nullptr;
  }
  {
    auto& secure = *connection->secure;
    AbortHook hook(control, [&secure] { secure.next_layer().close(); });
    secure.next_layer().expires_at(deadline);
    co_await secure.async_handshake(ssl::stream_base::client, asio::redirect_error(asio::use_awaitable, ec));
  }
  if (ec || control.reason()) {
    if (control.reason() || ec == beast::error::timeout) {
      error = io_error(ec, Phase::handshake, false);
    } else {
      error = state.tls.handshake_error(*connection->secure, ec, url.authority());
      error = fail(static_cast<Errc>(error.code().value()), error.message());
    }
    co_return nullptr;
  }
  state.log("http: TLS connection to " + url.authority() + (proxy ? " through proxy " + proxy->authority() : ""));
  co_return connection;
}

}  // namespace instructor::http::detail
