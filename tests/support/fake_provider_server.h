// A scriptable HTTP/1.1 server on 127.0.0.1 for transport and provider tests:
// plain or TLS, one scripted response per request (status, headers, body,
// pieces with delays, stalls, closes), and a record of every request.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "instructor/http/message.h"
#include "test_certificates.h"

namespace instructor::testing {

using Milliseconds = std::chrono::milliseconds;

// A request as the server received it.
struct RecordedRequest {
  std::string method;
  std::string target;
  std::vector<http::Header> headers;
  std::string body;
  std::uint64_t connection = 0;  // which accepted connection (1, 2, ...) carried it

  std::optional<std::string_view> header(std::string_view name) const { return http::find_header(headers, name); }
};

// A part of a response body, sent after a pause.
struct Piece {
  std::string bytes;
  Milliseconds delay{0};
};

// What the server does with one request.
struct ScriptedResponse {
  enum class Framing { content_length, chunked, until_close };

  int status = 200;
  std::vector<http::Header> headers;
  std::string body;                       // sent whole when `pieces` is empty
  std::vector<Piece> pieces;              // the body in pieces, each after its delay
  Framing framing = Framing::content_length;
  Milliseconds delay_before_headers{0};   // a stall before anything is sent
  std::string raw_prefix;                 // bytes sent as they are before the status line (e.g. a 100 Continue)
  bool close_before_response = false;     // read the request, then close without a byte
  bool close_mid_body = false;            // after the pieces, close instead of ending the body
  bool close_after = false;               // close once answered (without a Connection: close header)

  // JSON body with Content-Length.
  static ScriptedResponse json(int status, std::string body);
  // An HTML error page, as proxies send.
  static ScriptedResponse html_error(int status);
  // `stream` as text/event-stream, chunked, in pieces of `piece_size` bytes `gap` apart.
  static ScriptedResponse sse(const std::string& stream, std::size_t piece_size, Milliseconds gap = Milliseconds(0));
  // `body` with the given content type in pieces of `piece_size` bytes `gap` apart.
  static ScriptedResponse trickle(const std::string& body, std::string content_type, std::size_t piece_size,
                                  Milliseconds gap);
};

class FakeProviderServer {
 public:
  struct Options {
    std::optional<TlsIdentity> tls;  // serve HTTPS with this identity
  };

  FakeProviderServer();
  explicit FakeProviderServer(Options options);
  ~FakeProviderServer();
  FakeProviderServer(const FakeProviderServer&) = delete;
  FakeProviderServer& operator=(const FakeProviderServer&) = delete;

  std::uint16_t port() const;
  // "http://127.0.0.1:<port><target>" (https when TLS).
  std::string url(std::string_view target = "/") const;
  // The same with another host name, for TLS host name tests (pair with a resolve override).
  std::string url_for_host(std::string_view host, std::string_view target = "/") const;

  // Queues the response to the next request (first in, first out).
  void push(ScriptedResponse response);
  // Answers requests when the queue is empty (default: 404 JSON).
  void set_handler(std::function<ScriptedResponse(const RecordedRequest&)> handler);

  std::vector<RecordedRequest> requests() const;
  std::size_t connections_accepted() const;
  // The TLS server names (SNI) clients sent, one per TLS connection.
  std::vector<std::string> server_names() const;
  // Blocks until `count` requests arrived or `timeout` passed; true when they did.
  bool wait_for_requests(std::size_t count, Milliseconds timeout) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace instructor::testing
