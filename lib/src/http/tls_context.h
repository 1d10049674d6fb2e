// TLS settings of a client: trusted CAs, minimum version, per-connection
// SNI and host name checks, and readable handshake errors.
#pragma once

#include <string>

#include "asio.h"
#include "instructor/http/client.h"

namespace instructor::http::detail {

class TlsContext {
 public:
  explicit TlsContext(const TlsOptions& options);

  ssl::context& context() { return context_; }
  // Why the context is unusable (a CA file that does not load), empty when fine.
  const std::string& setup_error() const { return setup_error_; }

  // Sets SNI and the expected host name (or IP address) on a new stream.
  // Returns an error message when OpenSSL refuses them.
  std::string prepare(ssl::stream<beast::tcp_stream>& stream, const std::string& host) const;

  // The error for a failed handshake: chain, host name or other.
  Error handshake_error(ssl::stream<beast::tcp_stream>& stream, const error_code& ec,
                        const std::string& where) const;

 private:
  ssl::context context_;
  bool verify_;
  std::string setup_error_;
};

}  // namespace instructor::http::detail
