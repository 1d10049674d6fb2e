// Serves a cassette's recordings over HTTP/1.1: each request is matched as
// the in-process replay does (lib/src/cassette/request_matcher.h) and
// answered with the recorded status, headers and body; streamed bodies go
// out chunked, one HTTP chunk per recorded chunk, after its recorded pause.
// An unmatched request gets a 404 whose JSON error message says why.
#pragma once

#include <utility>  // before Asio (Boost 1.74 + GCC 12)

#include <boost/asio/ip/tcp.hpp>
#include <memory>

#include "../../lib/src/cassette/request_matcher.h"

namespace instructor::replay {

// Answers the requests of one connection until the client closes it.
void serve_connection(boost::asio::ip::tcp::socket socket, std::shared_ptr<cassette::RequestMatcher> matcher,
                      double timing_factor);

}  // namespace instructor::replay
