// The listening socket every test server here starts with: 127.0.0.1 only,
// on a port the kernel picks.
#pragma once

#include <utility>  // first: Boost 1.74's awaitable.hpp needs std::exchange with GCC 12

#include <boost/asio/ip/tcp.hpp>

namespace instructor::testing {

// Opens, binds and listens `acceptor` on 127.0.0.1 with an ephemeral port; returns the port.
inline std::uint16_t listen_on_loopback(boost::asio::ip::tcp::acceptor& acceptor) {
  using tcp = boost::asio::ip::tcp;
  acceptor.open(tcp::v4());
  acceptor.set_option(tcp::acceptor::reuse_address(true));
  acceptor.bind(tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), 0));
  acceptor.listen();
  return acceptor.local_endpoint().port();
}

}  // namespace instructor::testing
