// The transport that goes to the network: a thin shell over http::Client.
#include "transport.h"

namespace instructor::client {
namespace {

class NetworkTransport final : public Transport {
 public:
  NetworkTransport(boost::asio::any_io_executor executor, http::ClientOptions options)
      : http_(std::move(executor), std::move(options)) {}

  void send(http::Request request, http::BodyHandler on_body, http::RequestOptions options, Done done) override {
    auto complete = [done = std::move(done)](http::Result result) mutable { done(std::move(result)); };
    if (on_body) {
      http_.async_stream(std::move(request), std::move(on_body), std::move(options), std::move(complete));
    } else {
      http_.async_send(std::move(request), std::move(options), std::move(complete));
    }
  }

  http::ClientStats stats() const override { return http_.stats(); }

 private:
  http::Client http_;
};

}  // namespace

std::unique_ptr<Transport> network_transport(boost::asio::any_io_executor executor, http::ClientOptions options) {
  return std::make_unique<NetworkTransport>(std::move(executor), std::move(options));
}

}  // namespace instructor::client
