// Fallback and round-robin clients: a call moves to the next provider when
// one fails as a provider, stays when the answer itself was wrong, and
// round-robin spreads calls evenly; the report names who answered.
#include <doctest/doctest.h>

#include <boost/asio/use_future.hpp>

#include "client_harness.h"
#include "clienttest/models.instructor.h"

using namespace instructor;
using namespace instructor::testing;

namespace {

Request ask(int max_retries = 0) { return Request{.messages = {user("Ann is 31.")}, .max_retries = max_retries}; }

// A client for `server` whose transport tries each request twice.
Client provider_at(std::string_view provider_and_model, const FakeProviderServer& server) {
  ClientOptions options = options_for(server);
  options.http.retry.max_attempts = 2;
  options.http.retry.initial_delay = std::chrono::milliseconds(1);
  return from_provider(provider_and_model, options);
}

std::string person(int age) { return R"({"name": "Ann", "age": )" + std::to_string(age) + "}"; }

}  // namespace

TEST_CASE("fallback: the first provider answers 529 then 503 after its retries, the second answers") {
  FakeProviderServer down, up;
  down.push(ScriptedResponse::json(529, R"({"error": {"message": "Overloaded", "type": "overloaded_error"}})"));
  down.push(ScriptedResponse::json(503, R"({"error": {"message": "Service unavailable", "type": "server_error"}})"));
  up.push(json_reply(chat_tool_call_body("Person", person(31), TokenCounts{.prompt = 40, .completion = 9})));
  Client client = fallback({provider_at("openai/gpt-4o-mini", down), provider_at("groq/llama-3.3-70b-versatile", up)});
  CHECK(client.provider() == "fallback(openai, groq)");
  auto result = client.create<clienttest::Person>(ask());
  REQUIRE_MESSAGE(result, result.error().to_text());
  CHECK(result->age() == 31);
  CHECK(down.requests().size() == 2);
  CHECK(up.requests().size() == 1);
  const CallReport& report = result.report();
  CHECK(report.provider == "groq");
  CHECK(report.model == "llama-3.3-70b-versatile");
  REQUIRE(report.providers.size() == 2);
  CHECK(report.providers[0].provider == "openai");
  CHECK(report.providers[0].error == ErrorKind::server_error);
  CHECK(report.providers[0].message.find("503") != std::string::npos);
  CHECK(report.providers[1].provider == "groq");
  CHECK_FALSE(report.providers[1].error.has_value());
  CHECK(report.providers[1].usage.input_tokens == 40);
  CHECK(report.usage.input_tokens == 40);
  CHECK(report.usage.output_tokens == 9);
}

TEST_CASE("fallback: usage is summed over providers and kept per provider") {
  FakeProviderServer first, second;
  // The first provider's model answers wrong, is re-asked, then the provider goes down.
  first.push(json_reply(chat_tool_call_body("Person", person(400), TokenCounts{.prompt = 10, .completion = 5})));
  first.push(ScriptedResponse::json(500, R"({"error": {"message": "boom", "type": "server_error"}})"));
  first.push(ScriptedResponse::json(500, R"({"error": {"message": "boom", "type": "server_error"}})"));
  second.push(json_reply(chat_tool_call_body("Person", person(31), TokenCounts{.prompt = 20, .completion = 7})));
  auto result = fallback({provider_at("openai/gpt-4o-mini", first), provider_at("mistral/mistral-large-latest", second)})
                    .create<clienttest::Person>(ask(2));
  REQUIRE_MESSAGE(result, result.error().to_text());
  REQUIRE(result.report().providers.size() == 2);
  CHECK(result.report().providers[0].usage.input_tokens == 10);
  CHECK(result.report().providers[1].usage.input_tokens == 20);
  CHECK(result.usage().input_tokens == 30);
  CHECK(result.usage().output_tokens == 12);
}

TEST_CASE("fallback: a wrong answer is the call's answer, not a provider failure: no move to the next") {
  FakeProviderServer first, second;
  first.push(json_reply(chat_tool_call_body("Person", person(400))));
  auto result = fallback({provider_at("openai/gpt-4o-mini", first), provider_at("groq/llama", second)})
                    .create<clienttest::Person>(ask(0));
  REQUIRE(!result);
  CHECK(result.error().kind() == ErrorKind::retries_exhausted);
  CHECK(second.requests().empty());
  REQUIRE(result.report().providers.size() == 1);
  CHECK(result.report().providers[0].error == ErrorKind::retries_exhausted);
}

TEST_CASE("fallback: when every provider fails, the last one's error is the result, every hop in the report") {
  FakeProviderServer first, second;
  for (int i = 0; i < 2; ++i) first.push(ScriptedResponse::html_error(502));
  second.push(ScriptedResponse::json(401, R"({"error": {"message": "Invalid API key", "type": "invalid_request_error"}})"));
  ClientOptions missing_key;
  missing_key.environment["CEREBRAS_API_KEY"] = "";  // set nowhere: a configuration error
  auto result = fallback({provider_at("openai/gpt-4o-mini", first), from_provider("cerebras/llama3.1-8b", missing_key),
                          provider_at("groq/llama", second)})
                    .create<clienttest::Person>(ask());
  REQUIRE(!result);
  CHECK(result.error().kind() == ErrorKind::authentication);
  const auto& hops = result.report().providers;
  REQUIRE(hops.size() == 3);
  CHECK(hops[0].error == ErrorKind::server_error);
  CHECK(hops[1].provider == "cerebras");
  CHECK(hops[1].error == ErrorKind::configuration);
  CHECK(hops[1].message.find("CEREBRAS_API_KEY") != std::string::npos);
  CHECK(hops[2].error == ErrorKind::authentication);
}

TEST_CASE("round_robin spreads calls evenly over its clients and falls back when one is down") {
  FakeProviderServer a, b, c;
  for (int i = 0; i < 3; ++i) {
    a.push(json_reply(chat_tool_call_body("Person", person(1))));
    b.push(json_reply(chat_tool_call_body("Person", person(2))));
    c.push(json_reply(chat_tool_call_body("Person", person(3))));
  }
  Client client = round_robin({provider_at("openai/a", a), provider_at("openai/b", b), provider_at("openai/c", c)});
  std::vector<int> ages;
  for (int i = 0; i < 9; ++i) {
    auto result = client.create<clienttest::Person>(ask());
    REQUIRE_MESSAGE(result, result.error().to_text());
    ages.push_back(result->age());
  }
  CHECK(ages == std::vector<int>{1, 2, 3, 1, 2, 3, 1, 2, 3});
  CHECK(a.requests().size() == 3);
  CHECK(b.requests().size() == 3);
  CHECK(c.requests().size() == 3);

  // b goes down: its turn falls back to c.
  for (int i = 0; i < 2; ++i) b.push(ScriptedResponse::html_error(503));
  c.push(json_reply(chat_tool_call_body("Person", person(3))));
  a.push(json_reply(chat_tool_call_body("Person", person(1))));
  auto first = client.create<clienttest::Person>(ask());   // a's turn
  auto second = client.create<clienttest::Person>(ask());  // b's turn, answered by c
  REQUIRE(first);
  REQUIRE(second);
  CHECK(first->age() == 1);
  CHECK(second->age() == 3);
  CHECK(second.report().providers.size() == 2);
}

TEST_CASE("fallback: streamed partials and the async forms work through the chain") {
  FakeProviderServer down, up;
  for (int i = 0; i < 2; ++i) down.push(ScriptedResponse::html_error(503));
  up.push(sse_reply(chat_tool_call_stream("Person", person(31), 5), 16));
  Client client = fallback({provider_at("openai/gpt-4o-mini", down), provider_at("openai/gpt-4o", up)});
  int partials = 0;
  auto future = client.async_create_partial<clienttest::Person>(
      ask(), [&](const clienttest::Person&, const Completeness&) { ++partials; }, boost::asio::use_future);
  auto result = future.get();
  REQUIRE_MESSAGE(result, result.error().to_text());
  CHECK(result->age() == 31);
  CHECK(partials > 1);
  CHECK(result.report().model == "gpt-4o");
}

TEST_CASE("a fallback client of no clients is a configuration error, not a crash") {
  Client client = fallback({});
  CHECK_FALSE(client.ok());
  auto result = client.create<clienttest::Person>(ask());
  REQUIRE(!result);
  CHECK(result.error().kind() == ErrorKind::configuration);
}
