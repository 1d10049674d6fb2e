// Where the extract loop sends its HTTP requests: the network (http::Client),
// or a cassette that records the exchanges or answers from them.
#pragma once

#include <utility>  // before Asio (Boost 1.74 + GCC 12)

#include <boost/asio/any_io_executor.hpp>
#include <memory>

#include "instructor/detail/completion.h"
#include "instructor/http/client.h"

namespace instructor::client {

class Transport {
 public:
  using Done = instructor::detail::CompletionCallback<http::Result>;

  virtual ~Transport() = default;
  // Sends `request` as http::Client does: with `on_body`, a 2xx body goes to
  // it as it arrives (async_stream); without, it is buffered (async_send).
  // Every callback runs on the client's executor.
  virtual void send(http::Request request, http::BodyHandler on_body, http::RequestOptions options, Done done) = 0;
  virtual http::ClientStats stats() const = 0;
};

// The network: an http::Client on `executor`.
std::unique_ptr<Transport> network_transport(boost::asio::any_io_executor executor, http::ClientOptions options);

}  // namespace instructor::client
