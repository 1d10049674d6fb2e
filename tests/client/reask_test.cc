// Re-asking (Instructor's core promise): an answer that does not parse or
// breaks a rule is sent back with exactly what was wrong, in each mode's idiom.
#include <doctest/doctest.h>

#include "client_harness.h"
#include "clienttest/models.instructor.h"

using namespace instructor;
using namespace instructor::testing;

namespace {

Request ask(int max_retries) { return Request{.messages = {user("Extract: Ann, 31")}, .max_retries = max_retries}; }

Client client_in(Mode mode, const FakeProviderServer& server, std::string_view provider = "openai/gpt-4o-mini",
                 Hooks hooks = {}) {
  ClientOptions options = options_for(server);
  options.mode = mode;
  options.hooks = std::move(hooks);
  return from_provider(provider, options);
}

}  // namespace

TEST_CASE("TOOLS: a rule broken, the re-ask echoes the tool call and answers it with the violation") {
  FakeProviderServer server;
  server.push(json_reply(chat_tool_call_body("Person", R"({"name": "Ann", "age": 310})", {120, 20})));
  server.push(json_reply(chat_tool_call_body("Person", R"({"name": "Ann", "age": 31})", {180, 20, 100})));
  auto result = client_in(Mode::tools, server).create<clienttest::Person>(ask(2));
  REQUIRE_MESSAGE(result, result.error().to_text());
  CHECK(result->age() == 31);
  REQUIRE(server.requests().size() == 2);

  auto second = body_of(request_at(server, 1));
  CHECK(at(second, "/messages/0") == R"({"role":"user","content":"Extract: Ann, 31"})");
  CHECK(at(second, "/messages/1") ==
        R"({"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function",)"
        R"("function":{"name":"Person","arguments":"{\"name\": \"Ann\", \"age\": 310}"}}]})");
  CHECK(at(second, "/messages/2/role") == R"("tool")");
  CHECK(at(second, "/messages/2/tool_call_id") == R"("call_1")");
  CHECK(at(second, "/messages/2/content") ==
        R"("The answer does not pass validation:\n- age: must be at most 150; got 310 (integer.lte)\n)"
        R"(Answer again with the complete Person, every problem above fixed and everything else kept.")");
  CHECK(at(second, "/messages").find("\"name\":\"Person\"") != std::string::npos);
  CHECK(at(second, "/tools/0/function/name") == R"("Person")");

  // Usage: per attempt and summed.
  REQUIRE(result.attempts().size() == 2);
  CHECK(result.attempts()[0].usage.input_tokens == 120);
  CHECK(result.attempts()[1].usage.cached_input_tokens == 100);
  CHECK(result.usage().input_tokens == 300);
  CHECK(result.usage().output_tokens == 40);
  CHECK(result.usage().total_tokens == 340);
  CHECK(result.usage().cached_input_tokens == 100);
  CHECK(result.attempts()[0].violations.size() == 1);
  CHECK(result.attempts()[0].violations[0].rule == "integer.lte");
  CHECK(result.attempts()[0].http_status == 200);
  CHECK(result.attempts()[1].violations.empty());
}

TEST_CASE("JSON: the re-ask repeats the assistant's text and says what was wrong in a user message") {
  FakeProviderServer server;
  server.push(json_reply(chat_content_body(R"({"name": "", "age": 31})")));
  server.push(json_reply(chat_content_body(R"({"name": "Ann", "age": 31})")));
  auto result = client_in(Mode::json, server).create<clienttest::Person>(ask(1));
  REQUIRE_MESSAGE(result, result.error().to_text());
  auto second = body_of(request_at(server, 1));
  CHECK(at(second, "/messages/0/role") == R"("system")");
  CHECK(at(second, "/messages/1/role") == R"("user")");
  CHECK(at(second, "/messages/2") == R"({"role":"assistant","content":"{\"name\": \"\", \"age\": 31}"})");
  CHECK(at(second, "/messages/3/role") == R"("user")");
  CHECK(at(second, "/messages/3/content").find(
            R"(- name: must be at least 1 character; got an empty string (string.min_len))") != std::string::npos);
}

TEST_CASE("each mode re-asks and then succeeds") {
  for (Mode mode : {Mode::tools, Mode::tools_strict, Mode::json_schema, Mode::json, Mode::md_json}) {
    CAPTURE(mode_name(mode));
    FakeProviderServer server;
    const bool tool = mode == Mode::tools || mode == Mode::tools_strict;
    auto reply = [&](std::string json) {
      return json_reply(tool ? chat_tool_call_body("Person", json) : chat_content_body("```json\n" + json + "\n```"));
    };
    server.push(reply(R"({"name": "Ann", "age": -1})"));
    server.push(reply(R"({"name": "Ann", "age": 31})"));
    auto result = client_in(mode, server).create<clienttest::Person>(ask(1));
    REQUIRE_MESSAGE(result, result.error().to_text());
    CHECK(result->age() == 31);
    auto second = body_of(request_at(server, 1));
    const std::string messages = at(second, "/messages");
    CHECK(messages.find("must be at least 0; got -1 (integer.gte)") != std::string::npos);
    CHECK(messages.find(tool ? R"("role":"tool")" : R"("role":"assistant","content":"```json)") != std::string::npos);
  }
}

TEST_CASE("an answer that is not JSON is re-asked with where the parser gave up") {
  FakeProviderServer server;
  server.push(json_reply(chat_content_body("I could not find a person in that text.")));
  server.push(json_reply(chat_content_body("Sorry! {\"name\": \"Ann\", \"age\": 31}")));
  std::vector<std::string> parse_errors;
  Hooks hooks;
  hooks.on_parse_error = [&](const ParseErrorEvent& e) { parse_errors.push_back(e.error.to_string()); };
  auto result = client_in(Mode::json, server, "openai/gpt-4o-mini", hooks).create<clienttest::Person>(ask(1));
  REQUIRE_MESSAGE(result, result.error().to_text());
  REQUIRE(result.attempts().size() == 2);
  REQUIRE(result.attempts()[0].parse_error);
  REQUIRE(parse_errors.size() == 1);
  const std::string feedback = at(body_of(request_at(server, 1)), "/messages/3/content");
  CHECK(feedback.find("The answer is not valid JSON: line 1, column") != std::string::npos);
}

TEST_CASE("a value the mapper refuses is re-asked with its rule, once") {
  FakeProviderServer server;
  server.push(json_reply(chat_tool_call_body("Person", R"({"name": "Ann", "age": "thirty-one"})")));
  server.push(json_reply(chat_tool_call_body("Person", R"({"name": "Ann", "age": "31"})")));
  auto result = client_in(Mode::tools, server).create<clienttest::Person>(ask(1));
  REQUIRE_MESSAGE(result, result.error().to_text());
  CHECK(result->age() == 31);
  const auto& first = result.attempts()[0].violations;
  REQUIRE(first.size() >= 1);
  CHECK(first[0].path == "age");
  CHECK(first[0].rule == "type.integer");
  CHECK(at(body_of(request_at(server, 1)), "/messages/2/content").find("- age: ") != std::string::npos);
}

TEST_CASE("retries exhausted: an error that holds every attempt's answer, violations, status and usage") {
  FakeProviderServer server;
  for (int i = 0; i < 3; ++i) {
    server.push(json_reply(chat_tool_call_body("Person", R"({"name": "Ann", "age": )" + std::to_string(200 + i) + "}",
                                               {50, 10})));
  }
  auto result = client_in(Mode::tools, server).create<clienttest::Person>(ask(2));
  REQUIRE(!result);
  const ExtractError& error = result.error();
  CHECK(error.kind() == ErrorKind::retries_exhausted);
  CHECK(error.message() == "no valid answer after 3 attempts: age: must be at most 150; got 202");
  CHECK(error.provider() == "openai");
  CHECK(error.model() == "gpt-4o-mini");
  REQUIRE(error.attempts().size() == 3);
  for (int i = 0; i < 3; ++i) {
    const AttemptRecord& a = error.attempts()[static_cast<std::size_t>(i)];
    CHECK(a.number == i + 1);
    CHECK(a.http_status == 200);
    CHECK(a.answer == R"({"name": "Ann", "age": )" + std::to_string(200 + i) + "}");
    REQUIRE(a.violations.size() == 1);
    CHECK(a.violations[0].value == std::to_string(200 + i));
    CHECK(a.usage.total_tokens == 60);
    CHECK(a.finish_reason == FinishReason::tool_calls);
  }
  CHECK(error.usage().total_tokens == 180);
  CHECK(result.usage().total_tokens == 180);
  const std::string text = error.to_text();
  CHECK(text.find("retries_exhausted: no valid answer after 3 attempts") == 0);
  CHECK(text.find("attempt 2: HTTP 200") != std::string::npos);
  CHECK(text.find("- age: must be at most 150; got 201 (integer.lte)") != std::string::npos);
  CHECK(text.find("usage over all attempts: input 150, output 30, total 180") != std::string::npos);
}

TEST_CASE("only the latest failed attempt stays in the conversation by default, and reask_history keeps more") {
  for (int history : {1, 2}) {
    CAPTURE(history);
    FakeProviderServer server;
    for (int i = 0; i < 3; ++i) server.push(json_reply(chat_tool_call_body("Person", R"({"name": "", "age": 1})")));
    server.push(json_reply(chat_tool_call_body("Person", R"({"name": "Ann", "age": 31})")));
    Request request = ask(3);
    request.reask_history = history;
    auto result = client_in(Mode::tools, server).create<clienttest::Person>(request);
    REQUIRE_MESSAGE(result, result.error().to_text());
    auto fourth = body_of(request_at(server, 3));
    CHECK(fourth["messages"].Size() == 1u + 2u * static_cast<unsigned>(history));
  }
}

TEST_CASE("hooks see each step in order, with attempt numbers, and a throwing hook breaks nothing") {
  FakeProviderServer server;
  server.push(json_reply(chat_tool_call_body("Person", R"({"name": "Ann", "age": 999})")));
  server.push(json_reply(chat_tool_call_body("Person", R"({"name": "Ann", "age": 31})")));
  std::vector<std::string> events;
  Hooks hooks;
  hooks.on_request = [&](const RequestEvent& e) {
    events.push_back("request " + std::to_string(e.attempt));
    for (const auto& h : e.headers) {
      if (h.name == "Authorization") CHECK(h.value == "[REDACTED]");
    }
    CHECK(std::string(e.body).find(kTestKey) == std::string::npos);
    throw std::runtime_error("a hook that throws");
  };
  hooks.on_response = [&](const ResponseEvent& e) {
    events.push_back("response " + std::to_string(e.attempt) + " " + std::to_string(e.status));
  };
  hooks.on_violations = [&](const ViolationsEvent& e) {
    events.push_back("violations " + std::to_string(e.attempt) + " " + e.violations[0].rule);
  };
  hooks.on_reask = [&](const ReaskEvent& e) { events.push_back("reask " + std::to_string(e.attempt)); };
  hooks.on_success = [&](const SuccessEvent& e) {
    events.push_back("success " + std::to_string(e.attempt) + " " + std::to_string(e.usage.total_tokens));
  };
  hooks.on_error = [&](const ErrorEvent&) { events.push_back("error"); };
  auto result = client_in(Mode::tools, server, "openai/gpt-4o-mini", hooks).create<clienttest::Person>(ask(1));
  REQUIRE(result);
  CHECK(events == std::vector<std::string>{"request 1", "response 1 200", "violations 1 integer.lte", "reask 2",
                                           "request 2", "response 2 200", "success 2 30"});
}

TEST_CASE("per-call validators join the .proto's rules, and their violations are re-asked") {
  FakeProviderServer server;
  server.push(json_reply(chat_tool_call_body("Person", R"({"name": "admin", "age": 31})")));
  server.push(json_reply(chat_tool_call_body("Person", R"({"name": "Ann", "age": 31})")));
  auto validators = std::make_shared<CustomValidators>();
  validators->add<clienttest::Person>([](const clienttest::Person& p, ViolationSink& sink) {
    if (p.name() == "admin") sink.report_at("name", "person.reserved", "must not be a reserved name", "\"admin\"");
  });
  Request request = ask(1);
  request.validators = validators;
  auto result = client_in(Mode::tools, server).create<clienttest::Person>(request);
  REQUIRE_MESSAGE(result, result.error().to_text());
  CHECK(result->name() == "Ann");
  CHECK(at(body_of(request_at(server, 1)), "/messages/2/content").find(
            "- name: must not be a reserved name (person.reserved)") != std::string::npos);
}

TEST_CASE("a tool call without an id gets one, so the re-ask can answer it") {
  FakeProviderServer server;
  server.push(json_reply(chat_tool_calls_body({{"Person", R"({"name": "Ann", "age": 1000})", ""}})));
  server.push(json_reply(chat_tool_call_body("Person", R"({"name": "Ann", "age": 31})")));
  auto result = client_in(Mode::tools, server).create<clienttest::Person>(ask(1));
  REQUIRE(result);
  auto second = body_of(request_at(server, 1));
  CHECK(at(second, "/messages/1/tool_calls/0/id") == R"("call_1_0")");
  CHECK(at(second, "/messages/2/tool_call_id") == R"("call_1_0")");
}

TEST_CASE("mistral's tool results carry the tool's name") {
  FakeProviderServer server;
  server.push(json_reply(chat_tool_call_body("Person", R"({"name": "Ann", "age": 1000})")));
  server.push(json_reply(chat_tool_call_body("Person", R"({"name": "Ann", "age": 31})")));
  auto result = client_in(Mode::tools, server, "mistral/mistral-large-latest").create<clienttest::Person>(ask(1));
  REQUIRE(result);
  CHECK(at(body_of(request_at(server, 1)), "/messages/2/name") == R"("Person")");
}

TEST_CASE("a tool mode answered in plain text is still read, and re-asked in the text idiom when wrong") {
  FakeProviderServer server;
  server.push(json_reply(chat_content_body(R"(Sure: {"name": "Ann", "age": 3100})")));
  server.push(json_reply(chat_content_body(R"({"name": "Ann", "age": 31})")));
  auto result = client_in(Mode::tools, server).create<clienttest::Person>(ask(1));
  REQUIRE_MESSAGE(result, result.error().to_text());
  CHECK(result->age() == 31);
  auto second = body_of(request_at(server, 1));
  CHECK(at(second, "/messages/1/role") == R"("assistant")");
  CHECK(at(second, "/messages/2/role") == R"("user")");
}

TEST_CASE("groq's 400 json_validate_failed is the model's answer: read it, re-ask it") {
  FakeProviderServer server;
  server.push(ScriptedResponse::json(
      400, R"({"error":{"message":"Failed to validate JSON. Please adjust your prompt.","type":"invalid_request_error",)"
           R"("code":"json_validate_failed","failed_generation":"{'name': 'Ann', 'age': 310}"}})"));
  server.push(json_reply(chat_content_body(R"({"name": "Ann", "age": 31})")));
  auto result = client_in(Mode::json, server, "groq/llama-3.3-70b-versatile").create<clienttest::Person>(ask(1));
  REQUIRE_MESSAGE(result, result.error().to_text());
  REQUIRE(result.attempts().size() == 2);
  CHECK(result.attempts()[0].http_status == 400);
  CHECK(result.attempts()[0].violations[0].rule == "integer.lte");
}
