// Coroutines: 100 extractions in flight at once on one thread, each a
// co_await of async_create.
#include <utility>  // before Asio: Boost 1.74's awaitable.hpp needs std::exchange with GCC 12

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <iostream>

#include "acme/user.instructor.h"
#include "common/connect.h"

namespace asio = boost::asio;

namespace {

constexpr int kCalls = 100;

asio::awaitable<void> extract(instructor::Client& client, int i, std::vector<acme::User>& users, int& failures) {
  instructor::Request request;
  request.messages.push_back(
      instructor::user("Person " + std::to_string(i) + " is " + std::to_string(20 + i % 50) + " years old."));
  auto user = co_await client.async_create<acme::User>(std::move(request), asio::use_awaitable);
  if (user) users[i] = *user;
  else ++failures;
}

}  // namespace

int main() {
  asio::io_context io;
  instructor::ClientOptions options;
  options.executor = io.get_executor();  // the calls run on this one thread
  auto [client, offline] = examples::connect("coroutines", options);
  std::vector<acme::User> users(kCalls);
  int failures = 0;
  auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < kCalls; ++i) asio::co_spawn(io, extract(client, i, users, failures), asio::detached);
  io.run();
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
  int sum = 0;
  for (const acme::User& user : users) sum += user.age();
  std::cout << kCalls - failures << " of " << kCalls << " extracted in " << ms << " ms on one thread\n";
  std::cout << "first: " << users.front().name() << ", " << users.front().age() << "; last: " << users.back().name()
            << ", " << users.back().age() << "; ages add up to " << sum << "\n";
  return failures == 0 ? 0 : 1;
}
