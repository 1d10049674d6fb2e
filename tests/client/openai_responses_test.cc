// OpenAI's Responses API (PROVIDERS.md §1 "Responses API", §8) through the
// whole client: RESPONSES_TOOLS and RESPONSES_JSON_SCHEMA requests exactly as
// the API takes them, whole and streamed replies into generated types,
// re-asks as function_call + function_call_output items, and every terminal
// status and error event mapped to the same typed outcomes as Chat Completions.
#include <doctest/doctest.h>

#include "client_harness.h"
#include "clienttest/conformance.instructor.h"
#include "clienttest/models.instructor.h"
#include "fixture_paths.h"
#include "fixture_replay.h"
#include "responses_replies.h"

using namespace instructor;
using namespace instructor::testing;

namespace {

const std::string kPerson = R"({"name":"Ann","age":31})";
const ResponsesShape kReasoning{true, {12, 40, 4, 30}};

Request ask(int max_retries = 0) { return Request{.messages = {user("Extract: Ann, 31")}, .max_retries = max_retries}; }

Client responses_client(const FakeProviderServer& server, Mode mode = Mode::responses_tools,
                        std::string_view provider = "openai/gpt-4o", std::string_view path = "/v1") {
  ClientOptions options = options_for(server, path);
  options.mode = mode;
  return from_provider(provider, options);
}

ScriptedResponse person_reply(Mode mode, bool stream, ResponsesShape shape = {}) {
  if (mode == Mode::responses_tools) {
    return stream ? sse_reply(responses_function_call_stream("Person", kPerson, 5, "call_1", shape))
                  : json_reply(responses_function_call_body("Person", kPerson, "call_1", shape));
  }
  return stream ? sse_reply(responses_text_stream(kPerson, 5, shape)) : json_reply(responses_text_body(kPerson, shape));
}

void check_person(const Result<clienttest::Person>& result) {
  REQUIRE_MESSAGE(result, result.error().to_text());
  CHECK(result->name() == "Ann");
  CHECK(result->age() == 31);
}

}  // namespace

TEST_CASE("responses RESPONSES_TOOLS: /v1/responses, input items, one flat strict tool forced by name") {
  FakeProviderServer server;
  server.push(person_reply(Mode::responses_tools, false));
  Request request = ask();
  request.messages.insert(request.messages.begin(), developer("Be precise."));
  auto result = responses_client(server).create<clienttest::Person>(request);
  check_person(result);
  RecordedRequest recorded = request_at(server, 0);
  CHECK(recorded.method == "POST");
  CHECK(recorded.target == "/v1/responses");
  CHECK(recorded.header("authorization").value_or("") == "Bearer " + std::string(kTestKey));
  CHECK(recorded.header("content-type").value_or("") == "application/json");
  auto body = body_of(recorded);
  CHECK(at(body, "/model") == R"("gpt-4o")");
  CHECK(at(body, "/input") ==
        R"([{"role":"developer","content":"Be precise."},{"role":"user","content":"Extract: Ann, 31"}])");
  CHECK(at(body, "/messages") == "<missing>");
  CHECK(at(body, "/tools/0/type") == R"("function")");
  CHECK(at(body, "/tools/0/name") == R"("Person")");
  CHECK(at(body, "/tools/0/description") == R"("A person named in the text.")");
  CHECK(at(body, "/tools/0/function") == "<missing>");
  CHECK(at(body, "/tools/0/strict") == "true");
  CHECK(at(body, "/tools/0/parameters/additionalProperties") == "false");
  CHECK(at(body, "/tools/0/parameters/required") == R"(["name","age"])");
  CHECK(at(body, "/tools/1") == "<missing>");
  CHECK(at(body, "/tool_choice") == R"({"type":"function","name":"Person"})");
  CHECK(at(body, "/parallel_tool_calls") == "false");
  CHECK(at(body, "/text") == "<missing>");
  CHECK(at(body, "/stream") == "<missing>");
  CHECK(result.attempts().at(0).finish_reason == FinishReason::tool_calls);
  CHECK(result.attempts().at(0).finish_reason_raw == "completed");
}

TEST_CASE("responses RESPONSES_JSON_SCHEMA: text.format json_schema in the strict dialect, the output_text is the answer") {
  FakeProviderServer server;
  server.push(person_reply(Mode::responses_json_schema, false));
  check_person(responses_client(server, Mode::responses_json_schema).create<clienttest::Person>(ask()));
  auto body = body_of(request_at(server, 0));
  CHECK(at(body, "/text/format/type") == R"("json_schema")");
  CHECK(at(body, "/text/format/name") == R"("Person")");
  CHECK(at(body, "/text/format/description") == R"("A person named in the text.")");
  CHECK(at(body, "/text/format/strict") == "true");
  CHECK(at(body, "/text/format/schema/additionalProperties") == "false");
  CHECK(at(body, "/text/format/schema/properties/age/maximum") == "150");
  CHECK(at(body, "/tools") == "<missing>");
  CHECK(at(body, "/tool_choice") == "<missing>");
  CHECK(at(body, "/response_format") == "<missing>");
}

TEST_CASE("responses: a reasoning item before the answer, usage with cached and reasoning tokens") {
  for (Mode mode : {Mode::responses_tools, Mode::responses_json_schema}) {
    for (bool stream : {false, true}) {
      CAPTURE(mode_name(mode));
      CAPTURE(stream);
      FakeProviderServer server;
      server.push(person_reply(mode, stream, kReasoning));
      Request request = ask();
      request.stream = stream;
      auto result = responses_client(server, mode).create<clienttest::Person>(request);
      check_person(result);
      CHECK(result.usage().input_tokens == 12);
      CHECK(result.usage().cached_input_tokens == 4);
      CHECK(result.usage().output_tokens == 40);
      CHECK(result.usage().reasoning_tokens == 30);
      CHECK(result.usage().total_tokens == 52);
      CHECK(at(body_of(request_at(server, 0)), "/stream") == (stream ? "true" : "<missing>"));
      CHECK(request_at(server, 0).header("accept").value_or("") == (stream ? "text/event-stream" : "application/json"));
    }
  }
}

TEST_CASE("responses streamed: typed events in every piece size give growing partials and the message") {
  for (Mode mode : {Mode::responses_tools, Mode::responses_json_schema}) {
    for (std::size_t piece : {1, 9, 200}) {
      CAPTURE(mode_name(mode));
      CAPTURE(piece);
      const std::string stream = mode == Mode::responses_tools
                                     ? responses_function_call_stream("Person", kPerson, 3)
                                     : responses_text_stream(kPerson, 3);
      FakeProviderServer server;
      server.push(sse_reply(stream, piece));
      std::vector<std::string> names;
      auto result = responses_client(server, mode).create_partial<clienttest::Person>(
          ask(), [&](const clienttest::Person& partial, const auto&) { names.push_back(partial.name()); });
      check_person(result);
      REQUIRE(names.size() >= 2);
      CHECK(names.back() == "Ann");
    }
  }
}

TEST_CASE("responses iterable over RESPONSES_TOOLS: each item as it completes") {
  const std::string people = R"({"items":[{"name":"Ann","age":31},{"name":"Bo","age":4}]})";
  FakeProviderServer server;
  server.push(sse_reply(responses_function_call_stream("Person_list", people, 6)));
  std::vector<std::string> seen;
  auto result = responses_client(server).create_iterable<clienttest::Person>(
      ask(), [&](const clienttest::Person& person) { seen.push_back(person.name()); });
  REQUIRE_MESSAGE(result, result.error().to_text());
  CHECK(seen == std::vector<std::string>{"Ann", "Bo"});
  auto body = body_of(request_at(server, 0));
  CHECK(at(body, "/tools/0/name") == R"("Person_list")");
  CHECK(at(body, "/tool_choice/name") == R"("Person_list")");
}

TEST_CASE("responses re-ask in RESPONSES_TOOLS: the call goes back as a function_call item, the errors as its output") {
  FakeProviderServer server;
  server.push(json_reply(responses_function_call_body("Person", R"({"name":"Ann","age":200})", "call_first")));
  server.push(person_reply(Mode::responses_tools, false));
  auto result = responses_client(server).create<clienttest::Person>(ask(1));
  check_person(result);
  REQUIRE(result.attempts().size() == 2);
  CHECK(result.usage().total_tokens == 30);
  auto second = body_of(request_at(server, 1));
  CHECK(at(second, "/input/0") == R"({"role":"user","content":"Extract: Ann, 31"})");
  CHECK(at(second, "/input/1") ==
        R"({"type":"function_call","call_id":"call_first","name":"Person","arguments":"{\"name\":\"Ann\",\"age\":200}"})");
  CHECK(at(second, "/input/2/type") == R"("function_call_output")");
  CHECK(at(second, "/input/2/call_id") == R"("call_first")");
  CHECK(at(second, "/input/2/output").find("(integer.lte)") != std::string::npos);
  CHECK(at(second, "/input/3") == "<missing>");
  CHECK(at(second, "/tool_choice") == R"({"type":"function","name":"Person"})");
}

TEST_CASE("responses re-ask in RESPONSES_JSON_SCHEMA: the answer as an assistant message, the errors as a user message") {
  FakeProviderServer server;
  server.push(sse_reply(responses_text_stream(R"({"name":"","age":31})", 4)));
  server.push(person_reply(Mode::responses_json_schema, true));
  Request request = ask(1);
  request.stream = true;
  check_person(responses_client(server, Mode::responses_json_schema).create<clienttest::Person>(request));
  auto second = body_of(request_at(server, 1));
  CHECK(at(second, "/input/1") == R"({"role":"assistant","content":"{\"name\":\"\",\"age\":31}"})");
  CHECK(at(second, "/input/2/role") == R"("user")");
  CHECK(at(second, "/input/2/content").find("(string.min_len)") != std::string::npos);
}

TEST_CASE("responses incomplete: max_output_tokens is truncated, content_filter its own kind, neither re-asked") {
  for (bool stream : {false, true}) {
    CAPTURE(stream);
    {
      FakeProviderServer server;
      const std::string cut = R"({"name":"Ann","ag)";
      server.push(stream ? sse_reply(responses_text_stream(cut, 4, {}, "max_output_tokens"))
                         : json_reply(responses_incomplete_body(cut, "max_output_tokens")));
      Request request = ask(2);
      request.stream = stream;
      auto result = responses_client(server, Mode::responses_json_schema).create<clienttest::Person>(request);
      REQUIRE(!result);
      CHECK(result.error().kind() == ErrorKind::truncated);
      CHECK(result.error().attempts().at(0).finish_reason_raw == "max_output_tokens");
      CHECK(server.requests().size() == 1);
    }
    {
      FakeProviderServer server;
      server.push(stream ? sse_reply(responses_text_stream("", 4, {}, "content_filter"))
                         : json_reply(responses_incomplete_body("", "content_filter")));
      Request request = ask(2);
      request.stream = stream;
      auto result = responses_client(server, Mode::responses_json_schema).create<clienttest::Person>(request);
      REQUIRE(!result);
      CHECK(result.error().kind() == ErrorKind::content_filter);
      CHECK(server.requests().size() == 1);
    }
  }
}

TEST_CASE("responses refusal part: its own outcome with the model's words, not re-asked") {
  FakeProviderServer server;
  server.push(json_reply(responses_refusal_body("I can't help with that request.")));
  auto result = responses_client(server, Mode::responses_json_schema).create<clienttest::Person>(ask(2));
  REQUIRE(!result);
  CHECK(result.error().kind() == ErrorKind::refusal);
  CHECK(result.error().message().find("I can't help with that request.") != std::string::npos);
  CHECK(server.requests().size() == 1);
}

TEST_CASE("responses error event, nested as on the wire and flat as in the SDK: a provider_error with its code") {
  for (bool nested : {true, false}) {
    CAPTURE(nested);
    FakeProviderServer server;
    server.push(sse_reply(responses_failed_stream("insufficient_quota", "You exceeded your current quota.", nested), 50));
    Request request = ask(2);
    request.stream = true;
    auto result = responses_client(server).create<clienttest::Person>(request);
    REQUIRE(!result);
    CHECK(result.error().kind() == ErrorKind::provider_error);
    CHECK(result.error().provider_code() == "insufficient_quota");
    CHECK(result.error().message().find("You exceeded your current quota.") != std::string::npos);
    CHECK(server.requests().size() == 1);
  }
}

TEST_CASE("responses: a server_error event is streamed again while attempts remain") {
  FakeProviderServer server;
  server.push(sse_reply(responses_failed_stream("server_error", "The server had an error."), 50));
  server.push(person_reply(Mode::responses_tools, true));
  Request request = ask(1);
  request.stream = true;
  auto result = responses_client(server).create<clienttest::Person>(request);
  check_person(result);
  CHECK(result.attempts().size() == 2);
}

TEST_CASE("responses HTTP errors: the Chat Completions envelope, the same kinds") {
  FakeProviderServer server;
  server.push(ScriptedResponse::json(
      400, R"({"error":{"message":"Invalid schema for function 'Person'.","type":"invalid_request_error","param":"tools[0].parameters","code":"invalid_function_parameters"}})"));
  auto result = responses_client(server).create<clienttest::Person>(ask(2));
  REQUIRE(!result);
  CHECK(result.error().kind() == ErrorKind::bad_request);
  CHECK(result.error().provider_code() == "invalid_function_parameters");
  CHECK(result.error().message().find("Invalid schema for function") != std::string::npos);
  CHECK(result.error().to_text().find(kTestKey) == std::string::npos);
}

TEST_CASE("responses sampling: max_output_tokens, temperature, top_p, and stop and seed refused before sending") {
  {
    FakeProviderServer server;
    server.push(person_reply(Mode::responses_tools, false));
    Request request = ask();
    request.max_tokens = 300;
    request.temperature = 0.25;
    request.top_p = 0.5;
    check_person(responses_client(server).create<clienttest::Person>(request));
    auto body = body_of(request_at(server, 0));
    CHECK(at(body, "/max_output_tokens") == "300");
    CHECK(at(body, "/max_completion_tokens") == "<missing>");
    CHECK(at(body, "/temperature") == "0.25");
    CHECK(at(body, "/top_p") == "0.5");
  }
  for (bool with_stop : {true, false}) {
    FakeProviderServer server;
    Request request = ask();
    if (with_stop) request.stop = {"END"};
    if (!with_stop) request.seed = 7;
    auto result = responses_client(server).create<clienttest::Person>(request);
    REQUIRE(!result);
    CHECK(result.error().kind() == ErrorKind::configuration);
    CHECK(result.error().message().find(with_stop ? "no stop sequences" : "no seed") != std::string::npos);
    CHECK(server.requests().empty());
  }
}

TEST_CASE("responses images: input_text and input_image parts, bytes as a data URL") {
  FakeProviderServer server;
  server.push(person_reply(Mode::responses_tools, false));
  Request request{.messages = {user({text_part("Who is this?"), image_url("https://example.com/a.png", "low"),
                                     image_bytes("\x89PNG", "image/png")})}};
  check_person(responses_client(server).create<clienttest::Person>(request));
  auto body = body_of(request_at(server, 0));
  CHECK(at(body, "/input/0/content/0") == R"({"type":"input_text","text":"Who is this?"})");
  CHECK(at(body, "/input/0/content/1") == R"({"type":"input_image","image_url":"https://example.com/a.png","detail":"low"})");
  CHECK(at(body, "/input/0/content/2") == R"({"type":"input_image","image_url":"data:image/png;base64,iVBORw=="})");
}

TEST_CASE("responses on Azure: /openai/v1/responses with api-key by default, the dated route when a version is set") {
  {
    FakeProviderServer server;
    server.push(person_reply(Mode::responses_tools, false));
    check_person(responses_client(server, Mode::responses_tools, "azure_openai/my-deployment", "").create<clienttest::Person>(ask()));
    RecordedRequest recorded = request_at(server, 0);
    CHECK(recorded.target == "/openai/v1/responses");
    CHECK(recorded.header("api-key").value_or("") == kTestKey);
    CHECK(!recorded.header("authorization"));
    CHECK(at(body_of(recorded), "/model") == R"("my-deployment")");
  }
  {
    FakeProviderServer server;
    server.push(person_reply(Mode::responses_json_schema, false));
    ClientOptions options = options_for(server, "");
    options.mode = Mode::responses_json_schema;
    options.api_version = "2025-04-01-preview";
    check_person(from_provider("azure_openai/my-deployment", options).create<clienttest::Person>(ask()));
    CHECK(request_at(server, 0).target == "/openai/responses?api-version=2025-04-01-preview");
  }
}

TEST_CASE("responses modes: named in any case, refused by providers without the API, and not for create_parallel") {
  CHECK(parse_mode("responses_tools") == Mode::responses_tools);
  CHECK(parse_mode("Responses-Json-Schema") == Mode::responses_json_schema);
  CHECK(mode_name(Mode::responses_json_schema) == "RESPONSES_JSON_SCHEMA");
  CHECK(answers_with_tools(Mode::responses_tools));
  CHECK(!answers_with_tools(Mode::responses_json_schema));

  FakeProviderServer server;
  ClientOptions options = options_for(server);
  options.mode = Mode::responses_tools;
  auto result = from_provider("mistral/mistral-large-latest", options).create<clienttest::Person>(ask());
  REQUIRE(!result);
  CHECK(result.error().kind() == ErrorKind::configuration);
  CHECK(result.error().message().find("mode RESPONSES_TOOLS is not supported by mistral") == 0);

  Request request = ask();
  request.mode = Mode::responses_tools;
  auto parallel = responses_client(server).create_parallel<clienttest::Person, clienttest::Weather>(request);
  REQUIRE(!parallel);
  CHECK(parallel.error().message() == "create_parallel needs mode PARALLEL_TOOLS, not RESPONSES_TOOLS");
  CHECK(server.requests().empty());
}

TEST_CASE("responses hand-written recordings in tests/fixtures: a streamed call in 8 deltas, a failing stream") {
  {
    FakeProviderServer server;
    server.push(replay_stream(repo_fixtures_dir() / "openai/responses_stream_function_call.sse", 23));
    Request request = ask();
    request.stream = true;
    auto result = responses_client(server).create<clienttest::PersonCity>(request);
    REQUIRE_MESSAGE(result, result.error().to_text());
    CHECK(result->name() == "Ann Lee");
    CHECK(result->city() == "Paris");
    CHECK(result.usage().total_tokens > 0);
  }
  {
    FakeProviderServer server;
    server.push(replay_stream(repo_fixtures_dir() / "openai/responses_stream_error.chunks.txt", 31));
    Request request = ask();
    request.stream = true;
    auto result = responses_client(server).create<clienttest::Person>(request);
    REQUIRE(!result);
    CHECK(result.error().kind() == ErrorKind::provider_error);
    CHECK(result.error().provider_code() == "insufficient_quota");
  }
}
