#include "connect_proxy.h"
#include "loopback_listener.h"

#include <utility>  // first: Boost 1.74's awaitable.hpp needs std::exchange with GCC 12

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <charconv>
#include <mutex>
#include <thread>

namespace instructor::testing {
namespace {

namespace asio = boost::asio;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using boost::system::error_code;

// Copies bytes one way until either side ends, then closes both.
asio::awaitable<void> pump(std::shared_ptr<tcp::socket> from, std::shared_ptr<tcp::socket> to) {
  std::array<char, 16384> buffer;
  for (;;) {
    error_code ec;
    std::size_t n = co_await from->async_read_some(asio::buffer(buffer), asio::redirect_error(asio::use_awaitable, ec));
    if (n > 0) co_await asio::async_write(*to, asio::buffer(buffer.data(), n), asio::redirect_error(asio::use_awaitable, ec));
    if (ec) break;
  }
  error_code ignored;
  from->close(ignored);
  to->close(ignored);
}

}  // namespace

struct ConnectProxy::Impl {
  explicit Impl(Options opts) : options(std::move(opts)) {
    port = listen_on_loopback(acceptor);
    asio::co_spawn(io, accept_loop(), asio::detached);
    thread = std::thread([this] { io.run(); });
  }

  ~Impl() {
    io.stop();
    thread.join();
  }

  asio::awaitable<void> accept_loop() {
    for (;;) {
      error_code ec;
      tcp::socket socket = co_await acceptor.async_accept(asio::redirect_error(asio::use_awaitable, ec));
      if (ec) co_return;
      asio::co_spawn(io, session(std::make_shared<tcp::socket>(std::move(socket))), asio::detached);
    }
  }

  asio::awaitable<void> reply(tcp::socket& socket, const std::string& text) {
    error_code ec;
    co_await asio::async_write(socket, asio::buffer(text), asio::redirect_error(asio::use_awaitable, ec));
  }

  asio::awaitable<void> session(std::shared_ptr<tcp::socket> client) {
    boost::beast::flat_buffer buffer;
    bhttp::request_parser<bhttp::empty_body> parser;
    error_code ec;
    co_await bhttp::async_read_header(*client, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
    if (ec) co_return;
    const auto& request = parser.get();
    std::string target(request.target());
    std::string authorization(request[bhttp::field::proxy_authorization]);
    {
      std::lock_guard lock(mutex);
      targets.push_back(target);
      auths.push_back(authorization);
    }
    if (request.method() != bhttp::verb::connect) {
      co_await reply(*client, "HTTP/1.1 501 Not Implemented\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
      co_return;
    }
    if (!options.required_authorization.empty() && authorization != options.required_authorization) {
      co_await reply(*client,
                     "HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"test\"\r\n"
                     "Content-Length: 0\r\nConnection: close\r\n\r\n");
      co_return;
    }
    unsigned port_number = 0;
    std::size_t colon = target.rfind(':');
    std::string_view port_text = colon == std::string::npos ? std::string_view() : std::string_view(target).substr(colon + 1);
    std::from_chars(port_text.data(), port_text.data() + port_text.size(), port_number);
    auto upstream = std::make_shared<tcp::socket>(io);
    // Always loopback: tests never leave 127.0.0.1.
    co_await upstream->async_connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), static_cast<std::uint16_t>(port_number)),
                                     asio::redirect_error(asio::use_awaitable, ec));
    if (ec) {
      co_await reply(*client, "HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
      co_return;
    }
    co_await reply(*client, "HTTP/1.1 200 Connection Established\r\n\r\n");
    if (buffer.size() > 0) {
      co_await asio::async_write(*upstream, buffer.data(), asio::redirect_error(asio::use_awaitable, ec));
    }
    asio::co_spawn(io, pump(client, upstream), asio::detached);
    asio::co_spawn(io, pump(upstream, client), asio::detached);
  }

  Options options;
  asio::io_context io;
  tcp::acceptor acceptor{io};
  std::uint16_t port = 0;
  std::thread thread;
  mutable std::mutex mutex;
  std::vector<std::string> targets;
  std::vector<std::string> auths;
};

ConnectProxy::ConnectProxy() : ConnectProxy(Options{}) {}
ConnectProxy::ConnectProxy(Options options) : impl_(std::make_unique<Impl>(std::move(options))) {}
ConnectProxy::~ConnectProxy() = default;

std::uint16_t ConnectProxy::port() const { return impl_->port; }
std::string ConnectProxy::url() const { return "http://127.0.0.1:" + std::to_string(impl_->port); }

std::vector<std::string> ConnectProxy::connect_targets() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->targets;
}

std::vector<std::string> ConnectProxy::authorizations() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->auths;
}

}  // namespace instructor::testing
