// instructor-replay: serves a cassette (instructor/cassette.h) over HTTP on
// 127.0.0.1, so any HTTP client (curl, another language's SDK) can replay it.
// Prints its base URL as the first line on stdout; stops on SIGINT or SIGTERM.
#include <utility>  // before Asio (Boost 1.74 + GCC 12)

#include <signal.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <iostream>
#include <thread>

#include "../../lib/src/cassette/cassette_file.h"
#include "replay_arguments.h"
#include "replay_server.h"

using namespace instructor;
using tcp = boost::asio::ip::tcp;

int main(int argc, char** argv) {
  std::string error;
  std::optional<replay::ReplayArguments> arguments = replay::parse_arguments(argc, argv, error);
  if (!arguments) {
    if (error.empty()) {
      std::cout << replay::kUsage;
      return 0;
    }
    std::cerr << "instructor-replay: " << error << "\n" << replay::kUsage;
    return 2;
  }
  cassette::LoadedCassette loaded = cassette::read_cassette(arguments->cassette);
  if (!loaded.error.empty()) {
    std::cerr << "instructor-replay: " << loaded.error << "\n";
    return 1;
  }
  const std::size_t recordings = loaded.interactions.size();
  auto matcher = std::make_shared<cassette::RequestMatcher>(std::move(loaded.interactions), arguments->cassette);

  signal(SIGPIPE, SIG_IGN);  // a client that leaves mid-stream is a write error, not the end of the server
  boost::asio::io_context io;
  boost::system::error_code ec;
  tcp::acceptor acceptor(io);
  const tcp::endpoint endpoint(boost::asio::ip::make_address_v4("127.0.0.1"), arguments->port);
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(tcp::acceptor::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(tcp::socket::max_listen_connections, ec);
  if (ec) {
    std::cerr << "instructor-replay: cannot listen on 127.0.0.1:" << arguments->port << ": " << ec.message() << "\n";
    return 1;
  }
  std::cout << "http://127.0.0.1:" << acceptor.local_endpoint().port() << std::endl;
  std::cerr << "instructor-replay: serving " << recordings << " recordings of " << arguments->cassette
            << "; stop with Ctrl-C" << std::endl;

  const double timing_factor = arguments->instant ? 0.0 : 1.0;
  for (;;) {
    tcp::socket socket(io);
    acceptor.accept(socket, ec);
    if (ec) continue;
    std::thread(replay::serve_connection, std::move(socket), matcher, timing_factor).detach();
  }
}
