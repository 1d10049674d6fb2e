// Streamed calls: typed partial messages as they grow, list items handed out
// one by one before the stream ends, parallel tool calls, and the raw
// completion next to the message.
#include <doctest/doctest.h>

#include "client_harness.h"
#include "clienttest/models.instructor.h"

using namespace instructor;
using namespace instructor::testing;

namespace {

Request ask(int max_retries = 0) { return Request{.messages = {user("Extract every person.")}, .max_retries = max_retries}; }

std::string people_json(const std::vector<std::pair<std::string, int>>& people) {
  std::string json = R"({"items": [)";
  for (std::size_t i = 0; i < people.size(); ++i) {
    if (i) json += ", ";
    json += R"({"name": ")" + people[i].first + R"(", "age": )" + std::to_string(people[i].second) + "}";
  }
  return json + "]}";
}

}  // namespace

TEST_CASE("create_partial hands out the message as it grows, once per event that changed it, then the validated whole") {
  FakeProviderServer server;
  const std::string answer = R"({"name": "Ann Lee", "age": 31})";
  server.push(sse_reply(chat_tool_call_stream("Person", answer, 4), 50));
  std::vector<std::string> names;
  std::vector<bool> name_complete;
  std::vector<bool> age_complete;
  auto result = client_for("openai/gpt-4o-mini", server)
                    .create_partial<clienttest::Person>(ask(), [&](const clienttest::Person& p, const Completeness& done) {
                      names.push_back(p.name());
                      name_complete.push_back(done.field_complete(p, clienttest::Person::kNameFieldNumber));
                      age_complete.push_back(done.field_complete(p, clienttest::Person::kAgeFieldNumber));
                    });
  REQUIRE_MESSAGE(result, result.error().to_text());
  CHECK(result->name() == "Ann Lee");
  CHECK(result->age() == 31);
  REQUIRE(names.size() >= 4);
  CHECK(names.size() <= (answer.size() + 3) / 4);  // at most one partial per fragment of the answer
  CHECK(std::any_of(names.begin(), names.end(), [](const std::string& n) {  // the name as it grows
    return !n.empty() && n.size() < 7 && std::string_view("Ann Lee").substr(0, n.size()) == n;
  }));
  CHECK(names.back() == "Ann Lee");
  CHECK(!name_complete.front());
  CHECK(age_complete.back());
  auto body = body_of(request_at(server, 0));
  CHECK(at(body, "/stream") == "true");
  CHECK(at(body, "/stream_options") == R"({"include_usage":true})");
  CHECK(result.usage().total_tokens == 15);
}

TEST_CASE("create_partial in a JSON mode reads content deltas, and an invalid final message is streamed again") {
  FakeProviderServer server;
  server.push(sse_reply(chat_content_stream(R"({"name": "Ann", "age": 1031})", 5), 30));
  server.push(sse_reply(chat_content_stream(R"({"name": "Ann", "age": 31})", 5), 30));
  ClientOptions options = options_for(server);
  options.mode = Mode::json_schema;
  int partials = 0;
  auto result = from_provider("openai/gpt-4o-mini", options)
                    .create_partial<clienttest::Person>(ask(1), [&](const clienttest::Person&, const Completeness&) { ++partials; });
  REQUIRE_MESSAGE(result, result.error().to_text());
  CHECK(result->age() == 31);
  CHECK(partials >= 6);
  REQUIRE(server.requests().size() == 2);
  CHECK(at(body_of(request_at(server, 1)), "/stream") == "true");
  CHECK(result.attempts()[0].violations[0].rule == "integer.lte");
}

TEST_CASE("create_iterable hands out each item as soon as it is complete and valid, before the stream ends") {
  FakeProviderServer server;
  server.push(sse_reply(chat_tool_call_stream("Person_list", people_json({{"Ann", 31}, {"Bob", 42}, {"Cy", 7}}), 7), 40));
  std::vector<std::string> events;
  ClientOptions options = options_for(server);
  options.hooks.on_response = [&](const ResponseEvent&) { events.push_back("stream ended"); };
  auto result = from_provider("openai/gpt-4o-mini", options)
                    .create_iterable<clienttest::Person>(ask(), [&](clienttest::Person&& p) { events.push_back(p.name()); });
  REQUIRE_MESSAGE(result, result.error().to_text());
  CHECK(events == std::vector<std::string>{"Ann", "Bob", "Cy", "stream ended"});
  REQUIRE(result->size() == 3);
  CHECK((*result)[1].age() == 42);
  auto body = body_of(request_at(server, 0));
  CHECK(at(body, "/tools/0/function/name") == R"("Person_list")");
  CHECK(at(body, "/tools/0/function/parameters/properties/items/items") == R"({"$ref":"#/$defs/clienttest.Person"})");
  CHECK(at(body, "/tools/0/function/parameters/$defs/clienttest.Person/properties/age/maximum") == "150");
}

TEST_CASE("an invalid item is never handed out, and the re-ask hands out only what was not handed out before") {
  FakeProviderServer server;
  server.push(sse_reply(chat_tool_call_stream("Person_list", people_json({{"Ann", 31}, {"Bob", 420}, {"Cy", 7}}), 9), 40));
  server.push(sse_reply(chat_tool_call_stream("Person_list", people_json({{"Ann", 31}, {"Bob", 42}, {"Cy", 7}}), 9), 40));
  std::vector<std::string> handed;
  auto result = client_for("openai/gpt-4o-mini", server)
                    .create_iterable<clienttest::Person>(ask(1), [&](clienttest::Person&& p) { handed.push_back(p.name()); });
  REQUIRE_MESSAGE(result, result.error().to_text());
  CHECK(handed == std::vector<std::string>{"Ann", "Cy", "Bob"});
  REQUIRE(result.attempts().size() == 2);
  REQUIRE(result.attempts()[0].violations.size() == 1);
  CHECK(result.attempts()[0].violations[0].path == "items[1].age");
  CHECK(at(body_of(request_at(server, 1)), "/messages/2/content").find("- items[1].age: must be at most 150") !=
        std::string::npos);
  CHECK(result->size() == 3);
}

TEST_CASE("create_iterable accepts a bare JSON array in a JSON mode") {
  FakeProviderServer server;
  server.push(sse_reply(chat_content_stream(R"([{"name": "Ann", "age": 31}, {"name": "Bob", "age": 42}])", 11), 40));
  ClientOptions options = options_for(server);
  options.mode = Mode::json;
  auto result = from_provider("openai/gpt-4o-mini", options).create_iterable<clienttest::Person>(ask());
  REQUIRE_MESSAGE(result, result.error().to_text());
  REQUIRE(result->size() == 2);
  CHECK((*result)[0].name() == "Ann");
}

TEST_CASE("parallel tools: each call becomes its type, in the order the model called them, whole or streamed") {
  const std::vector<FakeToolCall> calls = {{"Weather", R"({"city": "Paris", "celsius": 21.5})", "call_a"},
                                           {"Person", R"({"name": "Ann", "age": 31})", "call_b"},
                                           {"Weather", R"({"city": "Oslo", "celsius": -3})", "call_c"}};
  for (bool streamed : {false, true}) {
    CAPTURE(streamed);
    FakeProviderServer server;
    server.push(streamed ? sse_reply(chat_tool_calls_stream(calls, 10), 48) : json_reply(chat_tool_calls_body(calls)));
    ClientOptions options = options_for(server);
    Client client = from_provider("openai/gpt-4o-mini", options);
    Request request = ask();
    request.stream = streamed;
    auto result = client.create_parallel<clienttest::Person, clienttest::Weather>(request);
    REQUIRE_MESSAGE(result, result.error().to_text());
    REQUIRE(result->size() == 3);
    CHECK(std::get<clienttest::Weather>((*result)[0]).city() == "Paris");
    CHECK(std::get<clienttest::Person>((*result)[1]).name() == "Ann");
    CHECK(std::get<clienttest::Weather>((*result)[2]).celsius() == -3);
    auto body = body_of(request_at(server, 0));
    CHECK(at(body, "/tools/0/function/name") == R"("Person")");
    CHECK(at(body, "/tools/1/function/name") == R"("Weather")");
    CHECK(at(body, "/tool_choice") == R"("required")");
    CHECK(at(body, "/parallel_tool_calls") == "<missing>");
  }
}

TEST_CASE("parallel tools: a call to an unknown tool or an invalid call is re-asked, every call answered") {
  FakeProviderServer server;
  server.push(json_reply(chat_tool_calls_body({{"Person", R"({"name": "Ann", "age": 310})", "call_a"},
                                               {"Weather", R"({"city": "Paris", "celsius": 20})", "call_b"},
                                               {"Horoscope", R"({"sign": "leo"})", "call_c"}})));
  server.push(json_reply(chat_tool_calls_body({{"Person", R"({"name": "Ann", "age": 31})", "call_d"}})));
  auto result = client_for("openai/gpt-4o-mini", server)
                    .create_parallel<clienttest::Person, clienttest::Weather>(ask(1));
  REQUIRE_MESSAGE(result, result.error().to_text());
  REQUIRE(result->size() == 1);
  auto second = body_of(request_at(server, 1));
  CHECK(second["messages"].Size() == 5u);  // user, assistant with 3 calls, 3 tool results
  CHECK(at(second, "/messages/2/tool_call_id") == R"("call_a")");
  CHECK(at(second, "/messages/2/content").find("- age: must be at most 150") != std::string::npos);
  CHECK(result.attempts()[0].violations[0].path == "calls[0].age");
  CHECK(at(second, "/messages/3/content") == R"("Valid.")");
  CHECK(at(second, "/messages/4/content") ==
        R"("There is no tool named \"Horoscope\". Call one of the tools you were given.")");
}

TEST_CASE("create_with_completion returns the raw response with its request id and rate limits") {
  FakeProviderServer server;
  ScriptedResponse reply = json_reply(chat_tool_call_body("Person", R"({"name": "Ann", "age": 31})"));
  reply.headers.push_back({"x-request-id", "req_abc123"});
  reply.headers.push_back({"x-ratelimit-limit-requests", "10000"});
  reply.headers.push_back({"x-ratelimit-remaining-requests", "9999"});
  reply.headers.push_back({"x-ratelimit-remaining-tokens", "149984"});
  reply.headers.push_back({"x-ratelimit-reset-requests", "6m0s"});
  reply.headers.push_back({"x-ratelimit-reset-tokens", "120ms"});
  server.push(reply);
  auto result = client_for("openai/gpt-4o-mini", server).create_with_completion<clienttest::Person>(ask());
  REQUIRE_MESSAGE(result, result.error().to_text());
  CHECK(result->value.name() == "Ann");
  const RawCompletion& raw = result->completion;
  CHECK(raw.status == 200);
  CHECK(raw.request_id == "req_abc123");
  CHECK(raw.body.find("\"chat.completion\"") != std::string::npos);
  CHECK(raw.rate_limits.limit_requests == 10000);
  CHECK(raw.rate_limits.remaining_requests == 9999);
  CHECK(raw.rate_limits.remaining_tokens == 149984);
  CHECK(raw.rate_limits.reset_requests == std::chrono::milliseconds(360000));
  CHECK(raw.rate_limits.reset_tokens == std::chrono::milliseconds(120));
  CHECK(result.attempts()[0].request_id == "req_abc123");
}

TEST_CASE("create_partial can see what validation found in the parts already complete, before the stream ends") {
  FakeProviderServer server;
  const std::string answer = R"({"owner": {"name": "Ann", "age": 200}, "tags": ["a", "b"], "note": "a long note that goes on"})";
  server.push(sse_reply(chat_tool_call_stream("Inventory", answer, 6), 40));
  std::vector<std::string> seen;  // the first violation path when it first shows up, and what was parsed by then
  auto result = client_for("openai/gpt-4o-mini", server)
                    .create_partial<clienttest::Inventory>(
                        ask(), [&](const clienttest::Inventory& partial, const Completeness&, const Violations& so_far) {
                          if (!so_far.empty() && seen.empty()) seen = {so_far[0].path, so_far[0].rule, partial.note()};
                        });
  REQUIRE(!result);
  CHECK(result.error().kind() == ErrorKind::retries_exhausted);
  REQUIRE(seen.size() == 3);
  CHECK(seen[0] == "owner.age");
  CHECK(seen[1] == "integer.lte");
  CHECK(seen[2].empty());  // flagged while the note was still to come
}

TEST_CASE("strict tools: a map answered as key/value entries, streamed, is re-asked on a bad value and then kept") {
  FakeProviderServer server;
  const std::string first = R"({"stock": [{"key": "apples", "value": -1}, {"key": "pears", "value": 2}], "note": null,
                                "owner": {"name": "Ann", "age": 30}, "tags": []})";
  const std::string second = R"({"stock": [{"key": "apples", "value": 3}, {"key": "pears", "value": 2}], "note": null,
                                 "owner": {"name": "Ann", "age": 30}, "tags": []})";
  server.push(sse_reply(chat_tool_call_stream("Inventory", first, 7), 0));
  server.push(sse_reply(chat_tool_call_stream("Inventory", second, 7), 0));
  auto options = options_for(server);
  options.mode = Mode::tools_strict;
  auto result = from_provider("openai/gpt-4o-mini", options).create_partial<clienttest::Inventory>(
      ask(1), [](const clienttest::Inventory&, const Completeness&) {});
  REQUIRE_MESSAGE(result, result.error().to_text());
  CHECK(result->stock().at("apples") == 3);
  CHECK(result->stock().at("pears") == 2);
  REQUIRE(result.attempts().size() == 2);
  const std::string reask = request_at(server, 1).body;  // the tool result tells the model what was wrong
  CHECK(reask.find("stock[\\\"apples\\\"]") != std::string::npos);
  CHECK(reask.find("integer.gte") != std::string::npos);
}
