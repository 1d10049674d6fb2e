#include "fake_provider_server.h"
#include "loopback_listener.h"

#include <utility>  // first: Boost 1.74's awaitable.hpp needs std::exchange with GCC 12

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

namespace instructor::testing {
namespace {

namespace asio = boost::asio;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using boost::system::error_code;

std::string status_line(int status) {
  std::string reason = bhttp::obsolete_reason(static_cast<bhttp::status>(status)).to_string();
  return "HTTP/1.1 " + std::to_string(status) + " " + (reason.empty() ? "Unknown" : reason) + "\r\n";
}

std::string hex(std::size_t n) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%zx", n);
  return buf;
}

std::vector<Piece> split(const std::string& body, std::size_t piece_size, Milliseconds gap) {
  std::vector<Piece> pieces;
  piece_size = std::max<std::size_t>(1, piece_size);
  for (std::size_t i = 0; i < body.size(); i += piece_size) pieces.push_back({body.substr(i, piece_size), gap});
  return pieces;
}

}  // namespace

ScriptedResponse ScriptedResponse::json(int status, std::string body) {
  ScriptedResponse r;
  r.status = status;
  r.headers = {{"Content-Type", "application/json"}};
  r.body = std::move(body);
  return r;
}

ScriptedResponse ScriptedResponse::html_error(int status) {
  ScriptedResponse r;
  r.status = status;
  r.headers = {{"Content-Type", "text/html"}};
  r.body = "<html><head><title>" + std::to_string(status) + "</title></head><body><center><h1>" +
           std::to_string(status) + " Bad Gateway</h1></center><hr><center>nginx</center></body></html>\n";
  return r;
}

ScriptedResponse ScriptedResponse::sse(const std::string& stream, std::size_t piece_size, Milliseconds gap) {
  return trickle(stream, "text/event-stream", piece_size, gap);
}

ScriptedResponse ScriptedResponse::trickle(const std::string& body, std::string content_type, std::size_t piece_size,
                                           Milliseconds gap) {
  ScriptedResponse r;
  r.headers = {{"Content-Type", std::move(content_type)}};
  r.framing = Framing::chunked;
  r.pieces = split(body, piece_size, gap);
  return r;
}

struct FakeProviderServer::Impl {
  explicit Impl(Options opts) : options(std::move(opts)) {
    if (options.tls) {
      tls.emplace(asio::ssl::context::tls_server);
      tls->use_certificate_chain(asio::buffer(options.tls->certificate_chain_pem));
      tls->use_private_key(asio::buffer(options.tls->private_key_pem), asio::ssl::context::pem);
    }
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
      std::uint64_t id;
      {
        std::lock_guard lock(mutex);
        id = ++accepted;
      }
      asio::co_spawn(io, session(std::move(socket), id), asio::detached);
    }
  }

  asio::awaitable<void> session(tcp::socket socket, std::uint64_t id) {
    if (!tls) {
      co_await serve(socket, socket, id);
      co_return;
    }
    asio::ssl::stream<tcp::socket> stream(std::move(socket), *tls);
    error_code ec;
    co_await stream.async_handshake(asio::ssl::stream_base::server, asio::redirect_error(asio::use_awaitable, ec));
    if (ec) co_return;
    const char* sni = SSL_get_servername(stream.native_handle(), TLSEXT_NAMETYPE_host_name);
    {
      std::lock_guard lock(mutex);
      names.push_back(sni ? sni : "");
    }
    co_await serve(stream, stream.next_layer(), id);
  }

  ScriptedResponse next_response(const RecordedRequest& request) {
    std::function<ScriptedResponse(const RecordedRequest&)> fallback;
    {
      std::lock_guard lock(mutex);
      if (!queue.empty()) {
        ScriptedResponse r = std::move(queue.front());
        queue.pop_front();
        return r;
      }
      fallback = handler;
    }
    if (fallback) return fallback(request);
    return ScriptedResponse::json(404, R"({"error":{"message":"no scripted response"}})");
  }

  template <typename Stream>
  asio::awaitable<void> serve(Stream& stream, tcp::socket& socket, std::uint64_t id) {
    boost::beast::flat_buffer buffer;
    for (;;) {
      bhttp::request_parser<bhttp::string_body> parser;
      parser.body_limit(256u << 20);
      error_code ec;
      co_await bhttp::async_read(stream, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
      if (ec) co_return;
      const auto& msg = parser.get();
      RecordedRequest request;
      request.method = std::string(msg.method_string());
      request.target = std::string(msg.target());
      for (const auto& field : msg) request.headers.push_back({std::string(field.name_string()), std::string(field.value())});
      request.body = msg.body();
      request.connection = id;
      ScriptedResponse response = next_response(request);
      bool client_wants_close = !msg.keep_alive();
      {
        std::lock_guard lock(mutex);
        recorded.push_back(std::move(request));
      }
      arrived.notify_all();
      if (response.close_before_response) {
        socket.close(ec);
        co_return;
      }
      if (!co_await respond(stream, response)) co_return;
      if (response.close_mid_body || response.close_after || client_wants_close ||
          response.framing == ScriptedResponse::Framing::until_close) {
        socket.shutdown(tcp::socket::shutdown_both, ec);
        socket.close(ec);
        co_return;
      }
    }
  }

  asio::awaitable<void> pause(Milliseconds delay) {
    if (delay.count() <= 0) co_return;
    asio::steady_timer timer(io, delay);
    error_code ec;
    co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
  }

  template <typename Stream>
  asio::awaitable<bool> send(Stream& stream, const std::string& bytes) {
    error_code ec;
    co_await asio::async_write(stream, asio::buffer(bytes), asio::redirect_error(asio::use_awaitable, ec));
    co_return !ec;
  }

  template <typename Stream>
  asio::awaitable<bool> respond(Stream& stream, const ScriptedResponse& r) {
    co_await pause(r.delay_before_headers);
    std::string head = r.raw_prefix + status_line(r.status);
    for (const auto& h : r.headers) head += h.name + ": " + h.value + "\r\n";
    using Framing = ScriptedResponse::Framing;
    if (r.pieces.empty() && r.framing == Framing::content_length) {
      head += "Content-Length: " + std::to_string(r.body.size()) + "\r\n\r\n";
      co_return co_await send(stream, head + r.body);
    }
    if (r.framing == Framing::chunked) head += "Transfer-Encoding: chunked\r\n";
    if (r.framing == Framing::content_length) {
      std::size_t total = 0;
      for (const auto& p : r.pieces) total += p.bytes.size();
      // A body cut short must be shorter than announced.
      head += "Content-Length: " + std::to_string(total + (r.close_mid_body ? 100 : 0)) + "\r\n";
    }
    head += "\r\n";
    if (!co_await send(stream, head)) co_return false;
    std::vector<Piece> pieces = r.pieces;
    if (pieces.empty() && !r.body.empty()) pieces.push_back({r.body, Milliseconds(0)});
    for (const Piece& piece : pieces) {
      co_await pause(piece.delay);
      std::string bytes = r.framing == Framing::chunked ? hex(piece.bytes.size()) + "\r\n" + piece.bytes + "\r\n"
                                                        : piece.bytes;
      if (piece.bytes.empty()) continue;  // an empty chunk would end a chunked body
      if (!co_await send(stream, bytes)) co_return false;
    }
    if (r.close_mid_body) co_return true;
    if (r.framing == Framing::chunked && !co_await send(stream, std::string("0\r\n\r\n"))) co_return false;
    co_return true;
  }

  Options options;
  asio::io_context io;
  std::optional<asio::ssl::context> tls;
  tcp::acceptor acceptor{io};
  std::uint16_t port = 0;
  std::thread thread;

  mutable std::mutex mutex;
  mutable std::condition_variable arrived;
  std::deque<ScriptedResponse> queue;
  std::function<ScriptedResponse(const RecordedRequest&)> handler;
  std::vector<RecordedRequest> recorded;
  std::vector<std::string> names;
  std::uint64_t accepted = 0;
};

FakeProviderServer::FakeProviderServer() : FakeProviderServer(Options{}) {}
FakeProviderServer::FakeProviderServer(Options options) : impl_(std::make_unique<Impl>(std::move(options))) {}
FakeProviderServer::~FakeProviderServer() = default;

std::uint16_t FakeProviderServer::port() const { return impl_->port; }

std::string FakeProviderServer::url(std::string_view target) const { return url_for_host("127.0.0.1", target); }

std::string FakeProviderServer::url_for_host(std::string_view host, std::string_view target) const {
  return std::string(impl_->tls ? "https://" : "http://") + std::string(host) + ":" + std::to_string(impl_->port) +
         std::string(target);
}

void FakeProviderServer::push(ScriptedResponse response) {
  std::lock_guard lock(impl_->mutex);
  impl_->queue.push_back(std::move(response));
}

void FakeProviderServer::set_handler(std::function<ScriptedResponse(const RecordedRequest&)> handler) {
  std::lock_guard lock(impl_->mutex);
  impl_->handler = std::move(handler);
}

std::vector<RecordedRequest> FakeProviderServer::requests() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->recorded;
}

std::size_t FakeProviderServer::connections_accepted() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->accepted;
}

std::vector<std::string> FakeProviderServer::server_names() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->names;
}

bool FakeProviderServer::wait_for_requests(std::size_t count, Milliseconds timeout) const {
  std::unique_lock lock(impl_->mutex);
  return impl_->arrived.wait_for(lock, timeout, [&] { return impl_->recorded.size() >= count; });
}

}  // namespace instructor::testing
