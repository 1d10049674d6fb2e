// The timer of a call's deadline (kept out of extract_call.h, which has no Asio).
#pragma once

#include <utility>  // before Asio (Boost 1.74 + GCC 12)

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>

namespace instructor::client {

class DeadlineTimer {
 public:
  explicit DeadlineTimer(const boost::asio::any_io_executor& executor) : timer(executor) {}
  boost::asio::steady_timer timer;
};

}  // namespace instructor::client
