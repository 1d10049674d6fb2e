// The Anthropic Messages API (PROVIDERS.md §2, §8) through the whole client:
// the exact request of each mode, whole and streamed replies into generated
// types, re-asks as tool_result blocks, and every stop reason and error
// mapped to the same typed outcomes as OpenAI's.
#include <doctest/doctest.h>

#include "anthropic_replies.h"
#include "client_harness.h"
#include "clienttest/models.instructor.h"

using namespace instructor;
using namespace instructor::testing;

namespace {

const std::string kPerson = R"({"name":"Ann","age":31})";

Request ask(int max_retries = 0) { return Request{.messages = {user("Extract: Ann, 31")}, .max_retries = max_retries}; }

// A client of the fake server as Anthropic: the base URL has no /v1 (the adapter adds /v1/messages).
Client anthropic_client(const FakeProviderServer& server, Mode mode = Mode::tools, Hooks hooks = {}) {
  ClientOptions options = options_for(server, "");
  options.mode = mode;
  options.hooks = std::move(hooks);
  return from_provider("anthropic/claude-sonnet-4-5", options);
}

ScriptedResponse person_reply(Mode mode, bool stream) {
  if (answers_with_tools(mode)) {
    std::vector<FakeToolCall> call = {{"Person", kPerson, "toolu_01A"}};
    return stream ? sse_reply(anthropic_tool_use_stream(call, 5)) : json_reply(anthropic_tool_use_body(call));
  }
  const std::string text = mode == Mode::md_json ? "Here it is:\n```json\n" + kPerson + "\n```" : kPerson;
  return stream ? sse_reply(anthropic_text_stream(text, 5)) : json_reply(anthropic_text_body(text));
}

void check_person(const Result<clienttest::Person>& result) {
  REQUIRE_MESSAGE(result, result.error().to_text());
  CHECK(result->name() == "Ann");
  CHECK(result->age() == 31);
}

}  // namespace

TEST_CASE("anthropic TOOLS: /v1/messages, x-api-key and anthropic-version, max_tokens, system on top, one tool forced by name") {
  FakeProviderServer server;
  server.push(person_reply(Mode::tools, false));
  Request request = ask();
  request.messages.insert(request.messages.begin(), instructor::system("Be precise."));
  auto result = anthropic_client(server).create<clienttest::Person>(request);
  check_person(result);
  RecordedRequest recorded = request_at(server, 0);
  CHECK(recorded.method == "POST");
  CHECK(recorded.target == "/v1/messages");
  CHECK(recorded.header("x-api-key").value_or("") == kTestKey);
  CHECK(recorded.header("anthropic-version").value_or("") == "2023-06-01");
  CHECK(recorded.header("content-type").value_or("") == "application/json");
  CHECK(!recorded.header("authorization"));
  auto body = body_of(recorded);
  CHECK(at(body, "/model") == R"("claude-sonnet-4-5")");
  CHECK(at(body, "/max_tokens") == "4096");
  CHECK(at(body, "/system") == R"("Be precise.")");
  CHECK(at(body, "/messages") == R"([{"role":"user","content":"Extract: Ann, 31"}])");
  CHECK(at(body, "/tools/0/name") == R"("Person")");
  CHECK(at(body, "/tools/0/description") == R"("A person named in the text.")");
  CHECK(at(body, "/tools/0/input_schema/type") == R"("object")");
  CHECK(at(body, "/tools/0/input_schema/properties/age/maximum") == "150");
  CHECK(at(body, "/tools/0/input_schema/$schema") == "<missing>");
  CHECK(at(body, "/tools/1") == "<missing>");
  CHECK(at(body, "/tool_choice") == R"({"type":"tool","name":"Person"})");
  CHECK(at(body, "/output_config") == "<missing>");
  CHECK(at(body, "/stream") == "<missing>");
  CHECK(result.attempts().at(0).request_id.empty());
}

TEST_CASE("anthropic JSON_SCHEMA: output_config.format with the structured-output dialect, the text block is the answer") {
  FakeProviderServer server;
  server.push(person_reply(Mode::json_schema, false));
  check_person(anthropic_client(server, Mode::json_schema).create<clienttest::Person>(ask()));
  auto body = body_of(request_at(server, 0));
  CHECK(at(body, "/output_config/format/type") == R"("json_schema")");
  CHECK(at(body, "/output_config/format/schema/additionalProperties") == "false");
  CHECK(at(body, "/output_config/format/schema/required") == R"(["name","age"])");
  CHECK(at(body, "/output_config/format/schema/properties/age/maximum") == "<missing>");
  CHECK(at(body, "/output_config/format/schema/properties/age/description").find("150") != std::string::npos);
  CHECK(at(body, "/tools") == "<missing>");
  CHECK(at(body, "/tool_choice") == "<missing>");
  CHECK(at(body, "/system") == "<missing>");
}

TEST_CASE("anthropic JSON and MD_JSON: the schema in the top-level system prompt, before the caller's own") {
  for (Mode mode : {Mode::json, Mode::md_json}) {
    CAPTURE(mode_name(mode));
    FakeProviderServer server;
    server.push(person_reply(mode, false));
    Request request = ask();
    request.messages.push_back(developer("Names as written."));
    check_person(anthropic_client(server, mode).create<clienttest::Person>(request));
    auto body = body_of(request_at(server, 0));
    const std::string system = at(body, "/system");
    CHECK(system.find("Answer with one JSON object that matches this JSON Schema") != std::string::npos);
    CHECK((system.find("```json") != std::string::npos) == (mode == Mode::md_json));
    CHECK(system.find("Names as written.") > system.find("JSON Schema"));
    CHECK(at(body, "/messages") == R"([{"role":"user","content":"Extract: Ann, 31"}])");
    CHECK(at(body, "/tools") == "<missing>");
    CHECK(at(body, "/output_config") == "<missing>");
  }
}

TEST_CASE("anthropic sampling: max_tokens as set, temperature, top_p, stop_sequences, and no seed field") {
  FakeProviderServer server;
  server.push(person_reply(Mode::tools, false));
  Request request = ask();
  request.max_tokens = 300;
  request.temperature = 0.25;
  request.top_p = 0.5;
  request.stop = {"END"};
  request.seed = 7;
  check_person(anthropic_client(server).create<clienttest::Person>(request));
  auto body = body_of(request_at(server, 0));
  CHECK(at(body, "/max_tokens") == "300");
  CHECK(at(body, "/temperature") == "0.25");
  CHECK(at(body, "/top_p") == "0.5");
  CHECK(at(body, "/stop_sequences") == R"(["END"])");
  CHECK(at(body, "/seed") == "<missing>");
  CHECK(at(body, "/random_seed") == "<missing>");
}

TEST_CASE("anthropic images: a URL source, and bytes or a data URL as a base64 source with their media type") {
  FakeProviderServer server;
  server.push(person_reply(Mode::tools, false));
  Request request{.messages = {user({text_part("Who is this?"), image_url("https://example.com/a.png"),
                                     image_bytes("\x89PNG", "image/png"), image_url("data:image/jpeg;base64,/9j/")})}};
  check_person(anthropic_client(server).create<clienttest::Person>(request));
  auto body = body_of(request_at(server, 0));
  CHECK(at(body, "/messages/0/content/0") == R"({"type":"text","text":"Who is this?"})");
  CHECK(at(body, "/messages/0/content/1") == R"({"type":"image","source":{"type":"url","url":"https://example.com/a.png"}})");
  CHECK(at(body, "/messages/0/content/2") ==
        R"({"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBORw=="}})");
  CHECK(at(body, "/messages/0/content/3") ==
        R"({"type":"image","source":{"type":"base64","media_type":"image/jpeg","data":"/9j/"}})");
}

TEST_CASE("anthropic create_with_completion: the request-id header and the anthropic-ratelimit headers") {
  FakeProviderServer server;
  ScriptedResponse reply = person_reply(Mode::tools, false);
  reply.headers.push_back({"request-id", "req_011CTest"});
  reply.headers.push_back({"anthropic-ratelimit-requests-limit", "4000"});
  reply.headers.push_back({"anthropic-ratelimit-requests-remaining", "3999"});
  reply.headers.push_back({"anthropic-ratelimit-tokens-limit", "800000"});
  reply.headers.push_back({"anthropic-ratelimit-tokens-remaining", "799000"});
  reply.headers.push_back({"anthropic-ratelimit-requests-reset", "2026-12-02T13:00:01Z"});
  server.push(reply);
  auto result = anthropic_client(server).create_with_completion<clienttest::Person>(ask());
  REQUIRE_MESSAGE(result, result.error().to_text());
  const RawCompletion& raw = result->completion;
  CHECK(raw.request_id == "req_011CTest");
  CHECK(result.attempts()[0].request_id == "req_011CTest");
  CHECK(raw.rate_limits.limit_requests == 4000);
  CHECK(raw.rate_limits.remaining_requests == 3999);
  CHECK(raw.rate_limits.limit_tokens == 800000);
  CHECK(raw.rate_limits.remaining_tokens == 799000);
  CHECK(!raw.rate_limits.reset_requests);
}

TEST_CASE("anthropic usage: cache writes and reads count as input, each reported apart") {
  FakeProviderServer server;
  server.push(json_reply(anthropic_tool_use_body({{"Person", kPerson, "toolu_01A"}}, {400, 40, 100, 50})));
  auto result = anthropic_client(server).create<clienttest::Person>(ask());
  check_person(result);
  CHECK(result.usage().input_tokens == 550);
  CHECK(result.usage().cached_input_tokens == 50);
  CHECK(result.usage().cache_creation_input_tokens == 100);
  CHECK(result.usage().output_tokens == 40);
  CHECK(result.usage().total_tokens == 590);
  CHECK(result.attempts().at(0).finish_reason == FinishReason::tool_calls);
  CHECK(result.attempts().at(0).finish_reason_raw == "tool_use");
}

TEST_CASE("anthropic streamed tool input: input_json_delta fragments fed as they come, pings skipped, usage overwritten") {
  for (std::size_t piece : {1, 7, 64}) {
    CAPTURE(piece);
    FakeProviderServer server;
    server.push(sse_reply(anthropic_tool_use_stream({{"Person", kPerson, "toolu_01A"}}, 4, {400, 40, 0, 25}), piece));
    int partials = 0;
    auto result = anthropic_client(server).create_partial<clienttest::Person>(ask(), [&](const auto&, const auto&) { ++partials; });
    check_person(result);
    CHECK(partials >= 3);
    CHECK(result.usage().input_tokens == 425);
    CHECK(result.usage().cached_input_tokens == 25);
    CHECK(result.usage().output_tokens == 40);  // message_delta's count replaces message_start's 1
    auto body = body_of(request_at(server, 0));
    CHECK(at(body, "/stream") == "true");
    CHECK(request_at(server, 0).header("accept").value_or("") == "text/event-stream");
  }
}

TEST_CASE("anthropic streamed text in every text mode: text_delta fragments are the answer") {
  for (Mode mode : {Mode::json_schema, Mode::json, Mode::md_json}) {
    CAPTURE(mode_name(mode));
    FakeProviderServer server;
    server.push(person_reply(mode, true));
    auto result = anthropic_client(server, mode).create_partial<clienttest::Person>(ask(), [](const auto&, const auto&) {});
    check_person(result);
    CHECK(result.usage().output_tokens == 5);
  }
}

TEST_CASE("anthropic PARALLEL_TOOLS: every model a tool, tool_choice any, each tool_use block its type, whole and streamed") {
  const std::vector<FakeToolCall> calls = {{"Person", kPerson, "toolu_01A"},
                                           {"Weather", R"({"city":"Oslo","celsius":2})", "toolu_01B"}};
  for (bool stream : {false, true}) {
    CAPTURE(stream);
    FakeProviderServer server;
    server.push(stream ? sse_reply(anthropic_tool_use_stream(calls, 6), 11) : json_reply(anthropic_tool_use_body(calls)));
    Request request = ask();
    request.stream = stream;
    auto result = anthropic_client(server, Mode::parallel_tools).create_parallel<clienttest::Person, clienttest::Weather>(request);
    REQUIRE_MESSAGE(result, result.error().to_text());
    REQUIRE(result->size() == 2);
    CHECK(std::get<clienttest::Person>((*result)[0]).age() == 31);
    CHECK(std::get<clienttest::Weather>((*result)[1]).city() == "Oslo");
    auto body = body_of(request_at(server, 0));
    CHECK(at(body, "/tools/1/name") == R"("Weather")");
    CHECK(at(body, "/tool_choice") == R"({"type":"any"})");
  }
}

TEST_CASE("anthropic TOOLS re-ask: the tool_use echoed, answered by a tool_result with is_error true, usage summed") {
  FakeProviderServer server;
  server.push(json_reply(anthropic_tool_use_body({{"Person", R"({"name":"Ann","age":310})", "toolu_01A"}}, {120, 20, 0, 0})));
  server.push(json_reply(anthropic_tool_use_body({{"Person", kPerson, "toolu_01B"}}, {180, 20, 0, 100})));
  auto result = anthropic_client(server).create<clienttest::Person>(ask(2));
  check_person(result);
  REQUIRE(server.requests().size() == 2);
  auto second = body_of(request_at(server, 1));
  CHECK(at(second, "/messages/0") == R"({"role":"user","content":"Extract: Ann, 31"})");
  CHECK(at(second, "/messages/1") ==
        R"({"role":"assistant","content":[{"type":"tool_use","id":"toolu_01A","name":"Person","input":{"name":"Ann","age":310}}]})");
  CHECK(at(second, "/messages/2/role") == R"("user")");
  CHECK(at(second, "/messages/2/content/0/type") == R"("tool_result")");
  CHECK(at(second, "/messages/2/content/0/tool_use_id") == R"("toolu_01A")");
  CHECK(at(second, "/messages/2/content/0/is_error") == "true");
  CHECK(at(second, "/messages/2/content/0/content") ==
        R"("The answer does not pass validation:\n- age: must be at most 150; got 310 (integer.lte)\n)"
        R"(Answer again with the complete Person, every problem above fixed and everything else kept.")");
  CHECK(at(second, "/messages/3") == "<missing>");
  CHECK(at(second, "/tool_choice") == R"({"type":"tool","name":"Person"})");
  REQUIRE(result.attempts().size() == 2);
  CHECK(result.usage().input_tokens == 400);
  CHECK(result.usage().cached_input_tokens == 100);
  CHECK(result.usage().output_tokens == 40);
  CHECK(result.usage().total_tokens == 440);
}

TEST_CASE("anthropic PARALLEL_TOOLS re-ask: every call answered in one user message, only the wrong one an error") {
  FakeProviderServer server;
  server.push(json_reply(anthropic_tool_use_body(
      {{"Person", kPerson, "toolu_01A"}, {"Weather", R"({"city":"","celsius":2})", "toolu_01B"}})));
  server.push(json_reply(anthropic_tool_use_body(
      {{"Person", kPerson, "toolu_02A"}, {"Weather", R"({"city":"Oslo","celsius":2})", "toolu_02B"}})));
  auto result = anthropic_client(server, Mode::parallel_tools)
                    .create_parallel<clienttest::Person, clienttest::Weather>(ask(1));
  REQUIRE_MESSAGE(result, result.error().to_text());
  auto second = body_of(request_at(server, 1));
  CHECK(at(second, "/messages/1/content/1/id") == R"("toolu_01B")");
  CHECK(at(second, "/messages/2/content/0") ==
        R"({"type":"tool_result","tool_use_id":"toolu_01A","content":"Valid.","is_error":false})");
  CHECK(at(second, "/messages/2/content/1/tool_use_id") == R"("toolu_01B")");
  CHECK(at(second, "/messages/2/content/1/is_error") == "true");
  CHECK(at(second, "/messages/3") == "<missing>");
}

TEST_CASE("anthropic JSON re-ask: the assistant's text, then the feedback as a user message") {
  FakeProviderServer server;
  server.push(json_reply(anthropic_text_body(R"({"name":"","age":31})")));
  server.push(json_reply(anthropic_text_body(kPerson)));
  check_person(anthropic_client(server, Mode::json).create<clienttest::Person>(ask(1)));
  auto second = body_of(request_at(server, 1));
  CHECK(at(second, "/messages/1") == R"({"role":"assistant","content":"{\"name\":\"\",\"age\":31}"})");
  CHECK(at(second, "/messages/2/role") == R"("user")");
  CHECK(at(second, "/messages/2/content").find("(string.min_len)") != std::string::npos);
}

TEST_CASE("anthropic: an empty answer is re-asked without echoing an empty assistant turn (the API refuses empty text)") {
  FakeProviderServer server;
  server.push(json_reply(anthropic_text_body("")));
  server.push(json_reply(anthropic_text_body(kPerson)));
  check_person(anthropic_client(server, Mode::json).create<clienttest::Person>(ask(1)));
  auto second = body_of(request_at(server, 1));
  CHECK(at(second, "/messages/1/role") == R"("user")");
  CHECK(at(second, "/messages/1/content").find("The answer was empty") != std::string::npos);
}

TEST_CASE("anthropic stop reasons: max_tokens truncated with the partial, refusal its own error, never re-asked") {
  {
    FakeProviderServer server;
    server.push(json_reply(anthropic_text_body(R"({"name":"Ann","ag)", "max_tokens", {10, 8, 0, 0})));
    auto result = anthropic_client(server, Mode::json).create<clienttest::Person>(ask(2));
    REQUIRE(!result);
    CHECK(result.error().kind() == ErrorKind::truncated);
    CHECK(result.error().attempts().at(0).finish_reason_raw == "max_tokens");
    CHECK(server.requests().size() == 1);
  }
  {
    FakeProviderServer server;
    server.push(json_reply(anthropic_text_body(R"({"name":"Ann")", "model_context_window_exceeded")));
    auto result = anthropic_client(server, Mode::json).create<clienttest::Person>(ask(2));
    REQUIRE(!result);
    CHECK(result.error().kind() == ErrorKind::truncated);
  }
  {
    FakeProviderServer server;
    server.push(json_reply(anthropic_refusal_body("This request asks for something I cannot help with.")));
    auto result = anthropic_client(server).create<clienttest::Person>(ask(2));
    REQUIRE(!result);
    CHECK(result.error().kind() == ErrorKind::refusal);
    CHECK(result.error().message().find("cannot help with") != std::string::npos);
    CHECK(result.error().attempts().at(0).finish_reason == FinishReason::refusal);
    CHECK(server.requests().size() == 1);
  }
}

TEST_CASE("anthropic HTTP errors map to the same kinds as OpenAI's, with the error type as the provider code") {
  struct Case {
    int status;
    std::string type;
    ErrorKind kind;
  };
  const std::vector<Case> cases = {
      {400, "invalid_request_error", ErrorKind::bad_request}, {401, "authentication_error", ErrorKind::authentication},
      {402, "billing_error", ErrorKind::bad_request},          {403, "permission_error", ErrorKind::permission},
      {404, "not_found_error", ErrorKind::not_found},
  };
  for (const Case& c : cases) {
    CAPTURE(c.status);
    FakeProviderServer server;
    server.push(ScriptedResponse::json(c.status, anthropic_error_body(c.type, "The " + c.type + " happened")));
    auto result = anthropic_client(server).create<clienttest::Person>(ask(2));
    REQUIRE(!result);
    CHECK(result.error().kind() == c.kind);
    CHECK(result.error().http_status() == c.status);
    CHECK(result.error().provider_code() == c.type);
    CHECK(result.error().message() == "Anthropic answered HTTP " + std::to_string(c.status) + ": The " + c.type + " happened");
    CHECK(result.error().to_text().find(kTestKey) == std::string::npos);
    CHECK(server.requests().size() == 1);
  }
}

TEST_CASE("anthropic 529 overloaded and 429 are retried by the transport, then a server_error or rate_limited") {
  {
    FakeProviderServer server;
    server.push(ScriptedResponse::json(529, anthropic_error_body("overloaded_error", "Overloaded")));
    server.push(person_reply(Mode::tools, false));
    auto result = anthropic_client(server).create<clienttest::Person>(ask());
    check_person(result);
    CHECK(server.requests().size() == 2);
    CHECK(result.attempts().size() == 1);
    CHECK(result.attempts()[0].transport_attempts == 2);
  }
  for (auto [status, type, kind] : {std::tuple{529, "overloaded_error", ErrorKind::server_error},
                                    std::tuple{429, "rate_limit_error", ErrorKind::rate_limited}}) {
    CAPTURE(status);
    FakeProviderServer server;
    for (int i = 0; i < 3; ++i) server.push(ScriptedResponse::json(status, anthropic_error_body(type, "Try later")));
    auto result = anthropic_client(server).create<clienttest::Person>(ask());
    REQUIRE(!result);
    CHECK(result.error().kind() == kind);
    CHECK(result.error().provider_code() == type);
    CHECK(server.requests().size() == 3);
  }
  {
    FakeProviderServer server;
    server.push(ScriptedResponse::html_error(413));
    auto result = anthropic_client(server).create<clienttest::Person>(ask());
    REQUIRE(!result);
    CHECK(result.error().kind() == ErrorKind::bad_request);
  }
}

TEST_CASE("anthropic mid-stream error event: a provider_error, and an overload is streamed again while attempts remain") {
  const std::string opening = anthropic_text_stream(kPerson, 5, {}, "end_turn", false);
  const std::string overloaded = anthropic_event(R"({"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}})");
  {
    FakeProviderServer server;
    server.push(sse_reply(opening + overloaded, 40));
    auto result = anthropic_client(server, Mode::json).create_partial<clienttest::Person>(ask(), [](const auto&, const auto&) {});
    REQUIRE(!result);
    CHECK(result.error().kind() == ErrorKind::provider_error);
    CHECK(result.error().message() == "Anthropic reported an error: Overloaded");
    CHECK(result.error().provider_code() == "overloaded_error");
  }
  {
    FakeProviderServer server;
    server.push(sse_reply(opening + overloaded, 40));
    server.push(person_reply(Mode::json, true));
    auto result = anthropic_client(server, Mode::json).create_partial<clienttest::Person>(ask(1), [](const auto&, const auto&) {});
    check_person(result);
    CHECK(result.attempts().size() == 2);
  }
}

TEST_CASE("anthropic stream that ends before message_delta is not taken as an answer") {
  FakeProviderServer server;
  server.push(sse_reply(anthropic_text_stream(kPerson, 5, {}, "end_turn", false), 40));
  auto result = anthropic_client(server, Mode::json).create_partial<clienttest::Person>(ask(), [](const auto&, const auto&) {});
  REQUIRE(!result);
  CHECK(result.error().kind() == ErrorKind::transport);
}

TEST_CASE("anthropic reads ANTHROPIC_API_KEY and ANTHROPIC_BASE_URL, and a missing key names the variable") {
  FakeProviderServer server;
  server.push(person_reply(Mode::tools, false));
  ClientOptions options = options_for(server);
  options.api_key.clear();
  options.base_url.clear();
  options.environment = {{"ANTHROPIC_API_KEY", "sk-ant-env"}, {"ANTHROPIC_BASE_URL", server.url("/")}};
  check_person(from_provider("anthropic/claude-haiku-4-5", options).create<clienttest::Person>(ask()));
  CHECK(request_at(server, 0).target == "/v1/messages");
  CHECK(request_at(server, 0).header("x-api-key").value_or("") == "sk-ant-env");

  options.environment = {{"ANTHROPIC_API_KEY", ""}};
  Client missing = from_provider("anthropic/claude-haiku-4-5", options);
  REQUIRE(!missing.ok());
  CHECK(missing.configuration_error()->message() == "no API key for anthropic: set ANTHROPIC_API_KEY or ClientOptions::api_key");
}

TEST_CASE("anthropic refuses the Responses API modes before sending, naming the modes it has") {
  FakeProviderServer server;
  ClientOptions options = options_for(server, "");
  options.mode = Mode::responses_tools;
  Client client = from_provider("anthropic/claude-sonnet-4-5", options);
  REQUIRE(!client.ok());
  CHECK(client.configuration_error()->message() ==
        "mode RESPONSES_TOOLS is not supported by anthropic (supported: TOOLS, TOOLS_STRICT, JSON_SCHEMA, JSON, MD_JSON, "
        "PARALLEL_TOOLS)");
}

TEST_CASE("anthropic TOOLS_STRICT: the forced tool with strict true and the structured-output dialect, whole and streamed") {
  for (bool stream : {false, true}) {
    CAPTURE(stream);
    FakeProviderServer server;
    server.push(person_reply(Mode::tools_strict, stream));
    Request request = ask();
    request.stream = stream;
    check_person(anthropic_client(server, Mode::tools_strict).create<clienttest::Person>(request));
    auto body = body_of(request_at(server, 0));
    CHECK(at(body, "/tools/0/name") == R"("Person")");
    CHECK(at(body, "/tools/0/strict") == "true");
    CHECK(at(body, "/tools/0/input_schema/additionalProperties") == "false");
    CHECK(at(body, "/tools/0/input_schema/properties/age/maximum") == "<missing>");
    CHECK(at(body, "/tools/0/input_schema/properties/age/description").find("150") != std::string::npos);
    CHECK(at(body, "/tool_choice") == R"({"type":"tool","name":"Person"})");
    CHECK(at(body, "/output_config") == "<missing>");
  }
  // Validation still enforces what the dialect only describes: an age above 150 is re-asked.
  FakeProviderServer server;
  server.push(json_reply(anthropic_tool_use_body({{"Person", R"({"name":"Ann","age":200})", "toolu_01A"}})));
  server.push(person_reply(Mode::tools_strict, false));
  auto result = anthropic_client(server, Mode::tools_strict).create<clienttest::Person>(ask(1));
  check_person(result);
  CHECK(result.attempts().size() == 2);
  CHECK(at(body_of(request_at(server, 1)), "/messages/2/content/0/is_error") == "true");
}

TEST_CASE("anthropic JSON_SCHEMA: a schema past the documented limits is an error before anything is sent") {
  FakeProviderServer server;
  auto result = anthropic_client(server, Mode::json_schema).create<clienttest::ManyOptional>(ask());
  REQUIRE(!result);
  CHECK(result.error().kind() == ErrorKind::configuration);
  CHECK(result.error().message().find("clienttest.ManyOptional.f24: more than 24 optional properties in all "
                                      "(Anthropic's structured outputs)") == 0);
  CHECK(server.requests().empty());
}
