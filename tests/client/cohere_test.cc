// Cohere's v2 chat through the whole client (PROVIDERS.md §5): the exact
// request of every mode (tool_choice "REQUIRED", strict_tools, response_format
// json_object with json_schema), whole and streamed answers into generated
// types, re-asks in Cohere's idiom (tool results by tool_call_id), usage from
// tokens with billed_units kept, finish reasons and errors mapped to the same
// kinds as OpenAI's.
#include <utility>  // before Asio (Boost 1.74 + GCC 12)

#include <doctest/doctest.h>

#include <boost/asio/use_future.hpp>

#include "client_harness.h"
#include "clienttest/conformance.instructor.h"
#include "clienttest/models.instructor.h"
#include "person_extraction.h"
#include "cohere_replies.h"
#include "fixture_paths.h"
#include "fixture_replay.h"

using namespace instructor;
using namespace instructor::testing;

namespace {

const std::string kPerson = R"({"name": "Ann", "age": 31})";
const std::string kBearer = "Bearer " + std::string(kTestKey);

Client cohere_client(const FakeProviderServer& server, Mode mode) {
  ClientOptions options = options_for(server, "");
  options.mode = mode;
  return from_provider("cohere/command-a-03-2025", options);
}

ScriptedResponse person_reply(Mode mode, bool stream) {
  if (mode == Mode::parallel_tools) {
    std::vector<CohereToolCall> calls = {{"Person", kPerson, "Person_1"},
                                         {"Weather", R"({"city": "Oslo", "celsius": 2})", "Weather_2"}};
    return stream ? sse_reply(cohere_tool_calls_stream(calls, 6)) : json_reply(cohere_tool_calls_body(calls));
  }
  if (answers_with_tools(mode)) {
    return stream ? sse_reply(cohere_tool_calls_stream({{"Person", kPerson}}, 6))
                  : json_reply(cohere_tool_calls_body({{"Person", kPerson}}));
  }
  const std::string text = mode == Mode::md_json ? "```json\n" + kPerson + "\n```" : kPerson;
  return stream ? sse_reply(cohere_text_stream(text, 5)) : json_reply(cohere_text_body(text));
}

Request person_request(bool stream = false, int max_retries = 0) {
  Request request{.messages = {user("Ann, 31")}, .max_retries = max_retries};
  request.stream = stream;
  return request;
}

}  // namespace

TEST_CASE("cohere in every mode, whole and streamed: the request and the typed answer") {
  std::size_t combinations = 0;
  for (Mode mode : {Mode::tools, Mode::tools_strict, Mode::json_schema, Mode::json, Mode::md_json, Mode::parallel_tools}) {
    for (bool stream : {false, true}) {
      CAPTURE(mode_name(mode));
      CAPTURE(stream);
      FakeProviderServer server;
      server.push(person_reply(mode, stream));
      Client client = cohere_client(server, mode);
      REQUIRE_MESSAGE(client.ok(), client.configuration_error()->message());
      const Usage usage = extract_person(client, mode, person_request(stream));
      if (mode != Mode::parallel_tools) {
        CHECK(usage.input_tokens == 20);
        CHECK(usage.output_tokens == 8);
        CHECK(usage.total_tokens == 28);
        CHECK(usage.extra_value("billed_input_tokens") == 12);
        CHECK(usage.extra_value("billed_output_tokens") == 8);
      }
      RecordedRequest recorded = request_at(server, 0);
      auto body = body_of(recorded);
      CHECK(recorded.method == "POST");
      CHECK(recorded.target == "/v2/chat");
      CHECK(recorded.header("authorization").value_or("") == kBearer);
      CHECK(at(body, "/model") == R"("command-a-03-2025")");
      CHECK(at(body, "/stream") == (stream ? "true" : "<missing>"));
      CHECK(at(body, "/stream_options") == "<missing>");
      switch (mode) {
        case Mode::tools:
        case Mode::tools_strict:
          CHECK(at(body, "/tools/0/type") == R"("function")");
          CHECK(at(body, "/tools/0/function/name") == R"("Person")");
          CHECK(at(body, "/tools/0/function/parameters/properties/name/minLength") == "1");
          CHECK(at(body, "/tool_choice") == R"("REQUIRED")");
          CHECK(at(body, "/strict_tools") == (mode == Mode::tools_strict ? "true" : "<missing>"));
          CHECK(at(body, "/parallel_tool_calls") == "<missing>");
          CHECK(at(body, "/response_format") == "<missing>");
          CHECK(at(body, "/messages/0") == R"({"role":"user","content":"Ann, 31"})");
          break;
        case Mode::json_schema:
          CHECK(at(body, "/response_format/type") == R"("json_object")");
          CHECK(at(body, "/response_format/json_schema/type") == R"("object")");
          CHECK(at(body, "/response_format/json_schema/properties/age/maximum") == "150");
          CHECK(at(body, "/response_format/json_schema/$schema") == "<missing>");
          CHECK(at(body, "/tools") == "<missing>");
          break;
        case Mode::json:
          CHECK(at(body, "/response_format") == R"({"type":"json_object"})");
          CHECK(at(body, "/messages/0/role") == R"("system")");
          break;
        case Mode::md_json:
          CHECK(at(body, "/response_format") == "<missing>");
          CHECK(at(body, "/messages/0/content").find("```json") != std::string::npos);
          break;
        case Mode::parallel_tools:
          CHECK(at(body, "/tools/1/function/name") == R"("Weather")");
          CHECK(at(body, "/tool_choice") == R"("REQUIRED")");
          break;
        default: FAIL_CHECK("Cohere has no ", mode_name(mode)); break;
      }
      ++combinations;
    }
  }
  CHECK(combinations == 2 * 6);
}

TEST_CASE("cohere: the key from CO_API_KEY, the base URL from CO_API_URL, and no key is a configuration error") {
  FakeProviderServer server;
  server.push(person_reply(Mode::tools, false));
  ClientOptions options;
  options.http.proxy = http::ProxySettings{};
  options.environment = {{"CO_API_KEY", "co-key-0123456789abcdef"}, {"CO_API_URL", server.url("/")}};
  Client client = from_provider("cohere/command-r-plus", options);
  REQUIRE_MESSAGE(client.ok(), client.configuration_error()->message());
  CHECK(client.mode() == Mode::tools);
  auto result = client.create<clienttest::Person>(person_request());
  REQUIRE_MESSAGE(result, result.error().to_text());
  RecordedRequest recorded = request_at(server, 0);
  CHECK(recorded.target == "/v2/chat");
  CHECK(recorded.header("authorization").value_or("") == "Bearer co-key-0123456789abcdef");

  ClientOptions keyless;
  keyless.environment = {{"CO_API_KEY", ""}};
  CHECK(from_provider("cohere/command-r-plus", keyless).configuration_error()->message() ==
        "no API key for cohere: set CO_API_KEY or ClientOptions::api_key");
  CHECK(from_provider("cohere/command-r-plus", ClientOptions{.api_key = "k"}).base_url() == "https://api.cohere.com");
}

TEST_CASE("cohere: sampling settings under Cohere's names") {
  FakeProviderServer server;
  server.push(person_reply(Mode::json_schema, false));
  Request request = person_request();
  request.temperature = 0.25;
  request.top_p = 0.5;
  request.max_tokens = 200;
  request.stop = {"END"};
  request.seed = 3;
  auto result = cohere_client(server, Mode::json_schema).create<clienttest::Person>(request);
  REQUIRE_MESSAGE(result, result.error().to_text());
  auto body = body_of(request_at(server, 0));
  CHECK(at(body, "/temperature") == "0.25");
  CHECK(at(body, "/p") == "0.5");
  CHECK(at(body, "/max_tokens") == "200");
  CHECK(at(body, "/stop_sequences") == R"(["END"])");
  CHECK(at(body, "/seed") == "3");
}

TEST_CASE("cohere: a streamed tool call gives partials, in pieces of any size") {
  for (std::size_t piece : {1, 9, 400}) {
    CAPTURE(piece);
    FakeProviderServer server;
    server.push(sse_reply(cohere_tool_calls_stream({{"Person", kPerson}}, 4), piece));
    int partials = 0;
    auto result = cohere_client(server, Mode::tools)
                      .create_partial<clienttest::Person>(person_request(), [&](const auto&, const auto&) { ++partials; });
    REQUIRE_MESSAGE(result, result.error().to_text());
    CHECK(result->age() == 31);
    CHECK(partials >= 2);
    CHECK(result.attempts().at(0).finish_reason == FinishReason::tool_calls);
    CHECK(result.attempts().at(0).finish_reason_raw == "TOOL_CALL");
  }
}

TEST_CASE("cohere: MAX_TOKENS is a truncated answer, whole or streamed") {
  for (bool stream : {false, true}) {
    CAPTURE(stream);
    FakeProviderServer server;
    const std::string cut = R"({"name": "Ann", "ag)";
    server.push(stream ? sse_reply(cohere_text_stream(cut, 4, "MAX_TOKENS")) : json_reply(cohere_text_body(cut, "MAX_TOKENS")));
    auto result = cohere_client(server, Mode::json_schema).create<clienttest::Person>(person_request(stream, 2));
    REQUIRE(!result);
    CHECK(result.error().kind() == ErrorKind::truncated);
    CHECK(server.requests().size() == 1);
  }
}

TEST_CASE("cohere: a stream without message-end ends as a cut stream") {
  FakeProviderServer server;
  std::string stream = cohere_text_stream(kPerson, 4);
  stream.erase(stream.find("event: message-end"));
  server.push(sse_reply(stream));
  auto result = cohere_client(server, Mode::json_schema).create<clienttest::Person>(person_request(true));
  REQUIRE(!result);
  CHECK(result.error().kind() == ErrorKind::transport);
}

TEST_CASE("cohere: HTTP errors carry Cohere's message and map to the same kinds as OpenAI's") {
  struct Case {
    int status;
    ErrorKind kind;
  };
  for (Case c : {Case{400, ErrorKind::bad_request}, Case{401, ErrorKind::authentication},
                 Case{404, ErrorKind::not_found}, Case{429, ErrorKind::rate_limited}, Case{500, ErrorKind::server_error}}) {
    CAPTURE(c.status);
    FakeProviderServer server;
    server.set_handler([&](const RecordedRequest&) {
      return ScriptedResponse::json(c.status, cohere_error_body("invalid request: model 'x' not found"));
    });
    auto result = cohere_client(server, Mode::tools).create<clienttest::Person>(person_request());
    REQUIRE(!result);
    CHECK(result.error().kind() == c.kind);
    CHECK(result.error().http_status() == c.status);
    CHECK(result.error().message().find("model 'x' not found") != std::string::npos);
    CHECK(result.error().message().find(std::string(kTestKey)) == std::string::npos);
  }
}

TEST_CASE("cohere: a TOOLS re-ask sends the call back with string arguments and a tool result by tool_call_id") {
  FakeProviderServer server;
  server.push(json_reply(cohere_tool_calls_body({{"Person", R"({"name": "Ann", "age": 200})", "Person_x1"}})));
  server.push(json_reply(cohere_tool_calls_body({{"Person", kPerson, "Person_x2"}})));
  auto result = cohere_client(server, Mode::tools).create<clienttest::Person>(person_request(false, 1));
  REQUIRE_MESSAGE(result, result.error().to_text());
  CHECK(result->age() == 31);
  CHECK(result.usage().total_tokens == 56);
  auto body = body_of(request_at(server, 1));
  CHECK(at(body, "/messages/1/role") == R"("assistant")");
  CHECK(at(body, "/messages/1/tool_calls/0/id") == R"("Person_x1")");
  CHECK(at(body, "/messages/1/tool_calls/0/function/arguments") == R"("{\"name\": \"Ann\", \"age\": 200}")");
  CHECK(at(body, "/messages/2/role") == R"("tool")");
  CHECK(at(body, "/messages/2/tool_call_id") == R"("Person_x1")");
  CHECK(at(body, "/messages/2/content").find("age") != std::string::npos);
  CHECK(at(body, "/tool_choice") == R"("REQUIRED")");
}

TEST_CASE("cohere: a JSON_SCHEMA re-ask sends the answer back as assistant text and the problem as user text") {
  FakeProviderServer server;
  server.push(sse_reply(cohere_text_stream(R"({"name": "", "age": 31})", 6)));
  server.push(sse_reply(cohere_text_stream(kPerson, 6)));
  auto result = cohere_client(server, Mode::json_schema).create<clienttest::Person>(person_request(true, 1));
  REQUIRE_MESSAGE(result, result.error().to_text());
  CHECK(result->name() == "Ann");
  auto body = body_of(request_at(server, 1));
  CHECK(at(body, "/messages/1") == R"({"role":"assistant","content":"{\"name\": \"\", \"age\": 31}"})");
  CHECK(at(body, "/messages/2/role") == R"("user")");
  CHECK(at(body, "/messages/2/content").find("name") != std::string::npos);
}

TEST_CASE("cohere: the hand-written stream of tests/fixtures (tool plan, one call in pieces) into a typed message") {
  FakeProviderServer server;
  server.push(replay_stream(repo_fixtures_dir() / "openai-compatible/cohere_tool_call.chunks.txt", 23));
  Request request = person_request(true);
  auto result = cohere_client(server, Mode::tools).create<clienttest::RecordPerson>(request);
  REQUIRE_MESSAGE(result, result.error().to_text());
  CHECK(result->name() == "Ann Lee");
  CHECK(result->age() == 31);
  CHECK(result->city() == "Paris");
  CHECK(result.usage().input_tokens == 905);
  CHECK(result.usage().output_tokens == 60);
  CHECK(result.usage().extra_value("billed_input_tokens") == 61);
}

TEST_CASE("cohere: create_iterable hands out each item of a streamed tool call as it completes") {
  FakeProviderServer server;
  const std::string people = R"({"items": [{"name": "Ann", "age": 31}, {"name": "Bob", "age": 42}]})";
  server.push(sse_reply(cohere_tool_calls_stream({{"Person_list", people, "Person_list_1"}}, 7), 40));
  std::vector<std::string> handed;
  auto result = cohere_client(server, Mode::tools)
                    .create_iterable<clienttest::Person>(person_request(), [&](clienttest::Person&& p) { handed.push_back(p.name()); });
  REQUIRE_MESSAGE(result, result.error().to_text());
  CHECK(handed == std::vector<std::string>{"Ann", "Bob"});
  auto body = body_of(request_at(server, 0));
  CHECK(at(body, "/stream") == "true");
  CHECK(at(body, "/tools/0/function/name") == R"("Person_list")");
}

TEST_CASE("cohere: async_create with use_future, a JSON_SCHEMA answer") {
  FakeProviderServer server;
  server.push(json_reply(cohere_text_body(kPerson)));
  auto future = cohere_client(server, Mode::json_schema).async_create<clienttest::Person>(person_request(), boost::asio::use_future);
  REQUIRE(future.wait_for(20s) == std::future_status::ready);
  auto person = future.get();
  REQUIRE_MESSAGE(person, person.error().to_text());
  CHECK(person->name() == "Ann");
}
