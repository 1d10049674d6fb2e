// The async forms with every kind of completion token, many calls on one
// thread, the client's own io thread, and TLS.
#include <utility>  // before Asio (Boost 1.74 + GCC 12)

#include <doctest/doctest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/use_future.hpp>

#include "client_harness.h"
#include "clienttest/models.instructor.h"
#include "test_certificates.h"

using namespace instructor;
using namespace instructor::testing;
namespace asio = boost::asio;

namespace {

Request ask() { return Request{.messages = {user("Extract: Ann, 31")}}; }

// Runs the io_context until `done` or 20 s.
template <typename Done>
bool run_until(asio::io_context& io, Done done) {
  auto deadline = std::chrono::steady_clock::now() + 20s;
  while (!done() && std::chrono::steady_clock::now() < deadline) io.run_one_for(100ms);
  return done();
}

ClientOptions on_executor(const FakeProviderServer& server, asio::io_context& io) {
  ClientOptions options = options_for(server);
  options.executor = io.get_executor();
  return options;
}

}  // namespace

TEST_CASE("async_create with a callback completes on the caller's io_context") {
  FakeProviderServer server;
  server.push(json_reply(chat_tool_call_body("Person", R"({"name": "Ann", "age": 31})")));
  asio::io_context io;
  Client client = from_provider("openai/gpt-4o-mini", on_executor(server, io));
  std::optional<Result<clienttest::Person>> out;
  std::thread::id completed_on;
  client.async_create<clienttest::Person>(ask(), [&](Result<clienttest::Person> r) {
    completed_on = std::this_thread::get_id();
    out.emplace(std::move(r));
  });
  REQUIRE(run_until(io, [&] { return out.has_value(); }));
  REQUIRE(*out);
  CHECK((*out)->name() == "Ann");
  CHECK((completed_on == std::this_thread::get_id()));
}

TEST_CASE("async_create with use_awaitable inside a coroutine") {
  FakeProviderServer server;
  server.push(json_reply(chat_tool_call_body("Person", R"({"name": "Ann", "age": 31})")));
  asio::io_context io;
  Client client = from_provider("openai/gpt-4o-mini", on_executor(server, io));
  std::optional<int> age;
  asio::co_spawn(
      io,
      [&]() -> asio::awaitable<void> {
        auto person = co_await client.async_create<clienttest::Person>(ask(), asio::use_awaitable);
        age = person ? person->age() : -1;
      },
      asio::detached);
  REQUIRE(run_until(io, [&] { return age.has_value(); }));
  CHECK(*age == 31);
}

TEST_CASE("async_create with use_future on the client's own io thread") {
  FakeProviderServer server;
  server.push(json_reply(chat_tool_call_body("Person", R"({"name": "Ann", "age": 31})")));
  Client client = client_for("openai/gpt-4o-mini", server);
  std::future<Result<clienttest::Person>> future = client.async_create<clienttest::Person>(ask(), asio::use_future);
  REQUIRE(future.wait_for(20s) == std::future_status::ready);
  auto person = future.get();
  REQUIRE(person);
  CHECK(person->age() == 31);
}

TEST_CASE("async partial, iterable, parallel and with-completion calls take tokens too") {
  FakeProviderServer server;
  server.push(sse_reply(chat_tool_call_stream("Person", R"({"name": "Ann", "age": 31})", 5)));
  server.push(sse_reply(chat_tool_call_stream("Person_list", R"({"items": [{"name": "Ann", "age": 31}]})", 5)));
  server.push(json_reply(chat_tool_call_body("Weather", R"({"city": "Paris", "celsius": 20})")));
  server.push(json_reply(chat_tool_call_body("Person", R"({"name": "Ann", "age": 31})")));
  Client client = client_for("openai/gpt-4o-mini", server);
  int partials = 0;
  auto partial = client.async_create_partial<clienttest::Person>(
      ask(), [&](const clienttest::Person&, const Completeness&) { ++partials; }, asio::use_future);
  REQUIRE(partial.get());
  CHECK(partials > 1);
  int items = 0;
  auto list = client.async_create_iterable<clienttest::Person>(ask(), [&](clienttest::Person&&) { ++items; }, asio::use_future);
  CHECK(list.get()->size() == 1);
  CHECK(items == 1);
  auto parallel = client.async_create_parallel<clienttest::Person, clienttest::Weather>(ask(), asio::use_future).get();
  REQUIRE(parallel);
  CHECK(std::holds_alternative<clienttest::Weather>(parallel->at(0)));
  auto raw = client.async_create_with_completion<clienttest::Person>(ask(), asio::use_future).get();
  REQUIRE(raw);
  CHECK(raw->completion.status == 200);
}

TEST_CASE("256 concurrent async_create on one io_context thread all come back right") {
  FakeProviderServer server;
  server.set_handler(answer_by_model);
  asio::io_context io;
  ClientOptions options = on_executor(server, io);
  options.http.pool.max_connections_per_host = 64;
  Client client = from_provider("openai/fake-user", options);
  constexpr int kCalls = 256;
  int done = 0, right = 0;
  for (int i = 0; i < kCalls; ++i) {
    Request request = ask();
    // Half of them ask for one address, so the answers differ between calls.
    if (i % 2) request.model = "fake-nested-1";
    client.async_create<clienttest::BenchUser>(request, [&, i](Result<clienttest::BenchUser> r) {
      ++done;
      if (r && r->name() == "Jason" && r->age() == 25 && r->addresses_size() == (i % 2)) ++right;
    });
  }
  REQUIRE(run_until(io, [&] { return done == kCalls; }));
  CHECK(right == kCalls);
  CHECK(server.requests().size() == kCalls);
  CHECK(client.transport_stats().connections_opened <= 64);
}

TEST_CASE("a blocking call from the client's own io thread is refused instead of waiting for itself") {
  FakeProviderServer server;
  asio::io_context io;
  Client client = from_provider("openai/gpt-4o-mini", on_executor(server, io));
  std::optional<Result<clienttest::Person>> inner;
  asio::post(io, [&] { inner.emplace(client.create<clienttest::Person>(ask())); });
  REQUIRE(run_until(io, [&] { return inner.has_value(); }));
  REQUIRE(!*inner);
  CHECK(inner->error().kind() == ErrorKind::configuration);
  CHECK(inner->error().message().find("use the async_ form") != std::string::npos);
  CHECK(server.requests().empty());
}

TEST_CASE("copies of a client share one transport, from several threads at once") {
  FakeProviderServer server;
  server.set_handler(answer_by_model);
  Client client = client_for("openai/fake-user", server);
  std::vector<std::thread> threads;
  std::atomic<int> right{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([copy = client, &right] {
      for (int i = 0; i < 10; ++i) {
        auto r = copy.create<clienttest::BenchUser>(ask());
        if (r && r->name() == "Jason") ++right;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  CHECK(right == 40);
  CHECK(client.transport_stats().connections_reused >= 30);
}

TEST_CASE("over TLS: the provider's certificate is checked, and an untrusted one is a transport error") {
  TestPki pki = make_test_pki({"localhost"}, {"127.0.0.1"});
  FakeProviderServer server(FakeProviderServer::Options{pki.server});
  server.push(json_reply(chat_tool_call_body("Person", R"({"name": "Ann", "age": 31})")));
  ClientOptions options = options_for(server);
  REQUIRE(options.base_url.rfind("https://", 0) == 0);
  options.http.tls.use_system_store = false;
  options.http.tls.extra_ca_pem = pki.ca_certificate_pem;
  auto person = from_provider("openai/gpt-4o-mini", options).create<clienttest::Person>(ask());
  REQUIRE_MESSAGE(person, person.error().to_text());
  CHECK(person->name() == "Ann");
  CHECK(request_at(server, 0).header("authorization").value_or("") == "Bearer " + std::string(kTestKey));

  TestPki other = make_test_pki({"localhost"}, {"127.0.0.1"});
  options.http.tls.extra_ca_pem = other.ca_certificate_pem;
  auto refused = from_provider("openai/gpt-4o-mini", options).create<clienttest::Person>(ask());
  REQUIRE(!refused);
  CHECK(refused.error().kind() == ErrorKind::transport);
  CHECK(refused.error().message().find("certificate") != std::string::npos);
  CHECK(server.requests().size() == 1);
}
