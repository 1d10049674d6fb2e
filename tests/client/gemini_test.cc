// The Gemini API (PROVIDERS.md §3, §8) through the whole client: the exact
// request of each mode, whole and streamed replies into generated types,
// re-asks as functionResponse parts with the thought signatures echoed, and
// every finish reason and error mapped to the same typed outcomes as OpenAI's.
#include <doctest/doctest.h>

#include "client_harness.h"
#include "clienttest/models.instructor.h"
#include "golden/everything.instructor.h"
#include "gemini_replies.h"

using namespace instructor;
using namespace instructor::testing;

namespace {

const std::string kPerson = R"({"name":"Ann","age":31})";
const std::string kWhole = "/v1beta/models/gemini-2.5-flash:generateContent";
const std::string kStreamed = "/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse";

Request ask(int max_retries = 0) { return Request{.messages = {user("Extract: Ann, 31")}, .max_retries = max_retries}; }

// A client of the fake server as Gemini: the base URL is the host (the adapter adds /v1beta/models/...).
Client gemini_client(const FakeProviderServer& server, Mode mode = Mode::tools, std::string_view model = "gemini-2.5-flash",
                     bool openapi_schema = false) {
  ClientOptions options = options_for(server, "");
  options.mode = mode;
  options.gemini_openapi_schema = openapi_schema;
  return from_provider("google/" + std::string(model), options);
}

ScriptedResponse person_reply(Mode mode, bool stream) {
  if (answers_with_tools(mode)) {
    std::vector<FakeToolCall> call = {{"Person", kPerson, "a1b2"}};
    return stream ? sse_reply(gemini_function_call_stream(call)) : json_reply(gemini_function_call_body(call));
  }
  const std::string text = mode == Mode::md_json ? "Here it is:\n```json\n" + kPerson + "\n```" : kPerson;
  return stream ? sse_reply(gemini_text_stream(text, 5)) : json_reply(gemini_text_body(text));
}

void check_person(const Result<clienttest::Person>& result) {
  REQUIRE_MESSAGE(result, result.error().to_text());
  CHECK(result->name() == "Ann");
  CHECK(result->age() == 31);
}

}  // namespace

TEST_CASE("gemini TOOLS: generateContent with x-goog-api-key, systemInstruction, one function forced with ANY and its name") {
  FakeProviderServer server;
  server.push(person_reply(Mode::tools, false));
  Request request = ask();
  request.messages.insert(request.messages.begin(), instructor::system("Be precise."));
  check_person(gemini_client(server).create<clienttest::Person>(request));
  RecordedRequest recorded = request_at(server, 0);
  CHECK(recorded.method == "POST");
  CHECK(recorded.target == kWhole);
  CHECK(recorded.header("x-goog-api-key").value_or("") == kTestKey);
  CHECK(recorded.header("content-type").value_or("") == "application/json");
  CHECK(!recorded.header("authorization"));
  auto body = body_of(recorded);
  CHECK(at(body, "/contents") == R"([{"role":"user","parts":[{"text":"Extract: Ann, 31"}]}])");
  CHECK(at(body, "/systemInstruction") == R"({"parts":[{"text":"Be precise."}]})");
  CHECK(at(body, "/tools/0/functionDeclarations/0/name") == R"("Person")");
  CHECK(at(body, "/tools/0/functionDeclarations/0/description") == R"("A person named in the text.")");
  CHECK(at(body, "/tools/0/functionDeclarations/0/parametersJsonSchema/properties/age/maximum") == "150");
  CHECK(at(body, "/tools/0/functionDeclarations/1") == "<missing>");
  CHECK(at(body, "/toolConfig") == R"({"functionCallingConfig":{"mode":"ANY","allowedFunctionNames":["Person"]}})");
  CHECK(at(body, "/generationConfig") == "<missing>");
  CHECK(at(body, "/model") == "<missing>");
}

TEST_CASE("gemini JSON_SCHEMA: responseMimeType and responseJsonSchema, and thought parts are not the answer") {
  FakeProviderServer server;
  server.push(person_reply(Mode::json_schema, false));
  auto result = gemini_client(server, Mode::json_schema).create<clienttest::Person>(ask());
  check_person(result);
  CHECK(result.attempts().at(0).answer == kPerson);
  auto body = body_of(request_at(server, 0));
  CHECK(at(body, "/generationConfig/responseMimeType") == R"("application/json")");
  CHECK(at(body, "/generationConfig/responseJsonSchema/properties/name/type") == R"("string")");
  CHECK(at(body, "/generationConfig/responseSchema") == "<missing>");
  CHECK(at(body, "/tools") == "<missing>");
  CHECK(at(body, "/systemInstruction") == "<missing>");
}

TEST_CASE("gemini JSON and MD_JSON: the schema in the system instruction, and JSON asks for application/json") {
  for (Mode mode : {Mode::json, Mode::md_json}) {
    CAPTURE(mode_name(mode));
    FakeProviderServer server;
    server.push(person_reply(mode, false));
    check_person(gemini_client(server, mode).create<clienttest::Person>(ask()));
    auto body = body_of(request_at(server, 0));
    CHECK(at(body, "/systemInstruction/parts/0/text").find("JSON Schema") != std::string::npos);
    CHECK(at(body, "/generationConfig") ==
          (mode == Mode::json ? R"({"responseMimeType":"application/json"})" : "<missing>"));
    CHECK(at(body, "/tools") == "<missing>");
  }
}

TEST_CASE("gemini sampling settings in generationConfig, and a models/ prefix on the model name is not doubled") {
  FakeProviderServer server;
  server.push(person_reply(Mode::tools, false));
  Request request = ask();
  request.max_tokens = 300;
  request.temperature = 0.25;
  request.top_p = 0.5;
  request.stop = {"END"};
  request.seed = 7;
  check_person(gemini_client(server, Mode::tools, "models/gemini-2.5-flash").create<clienttest::Person>(request));
  CHECK(request_at(server, 0).target == kWhole);
  CHECK(at(body_of(request_at(server, 0)), "/generationConfig") ==
        R"({"temperature":0.25,"topP":0.5,"maxOutputTokens":300,"stopSequences":["END"],"seed":7})");
}

TEST_CASE("gemini usage: thoughts count as output and reasoning, cached tokens as part of the prompt") {
  FakeProviderServer server;
  server.push(json_reply(gemini_function_call_body({{"Person", kPerson, "a1b2"}}, {100, 20, 300, 40})));
  auto result = gemini_client(server).create<clienttest::Person>(ask());
  check_person(result);
  CHECK(result.usage().input_tokens == 100);
  CHECK(result.usage().cached_input_tokens == 40);
  CHECK(result.usage().output_tokens == 320);
  CHECK(result.usage().reasoning_tokens == 300);
  CHECK(result.usage().total_tokens == 420);
  CHECK(result.attempts().at(0).finish_reason_raw == "STOP");
}

TEST_CASE("gemini streams: streamGenerateContent?alt=sse, text pieces and whole function calls, the last usage kept") {
  for (Mode mode : {Mode::tools, Mode::json_schema, Mode::json, Mode::md_json}) {
    CAPTURE(mode_name(mode));
    FakeProviderServer server;
    server.push(person_reply(mode, true));
    int partials = 0;
    auto result = gemini_client(server, mode).create_partial<clienttest::Person>(ask(), [&](const auto&, const auto&) { ++partials; });
    check_person(result);
    CHECK(partials >= 1);
    CHECK(result.usage().output_tokens == 5);
    CHECK(result.usage().total_tokens == 15);
    CHECK(request_at(server, 0).target == kStreamed);
    CHECK(request_at(server, 0).header("accept").value_or("") == "text/event-stream");
  }
}

TEST_CASE("gemini PARALLEL_TOOLS: every model a function, all names allowed, each call its type, whole and streamed") {
  const std::vector<FakeToolCall> calls = {{"Person", kPerson, "c1"}, {"Weather", R"({"city":"Oslo","celsius":2})", "c2"}};
  for (bool stream : {false, true}) {
    CAPTURE(stream);
    FakeProviderServer server;
    server.push(stream ? sse_reply(gemini_function_call_stream(calls), 13) : json_reply(gemini_function_call_body(calls)));
    Request request = ask();
    request.stream = stream;
    auto result = gemini_client(server, Mode::parallel_tools).create_parallel<clienttest::Person, clienttest::Weather>(request);
    REQUIRE_MESSAGE(result, result.error().to_text());
    REQUIRE(result->size() == 2);
    CHECK(std::get<clienttest::Weather>((*result)[1]).city() == "Oslo");
    auto body = body_of(request_at(server, 0));
    CHECK(at(body, "/tools/0/functionDeclarations/1/name") == R"("Weather")");
    CHECK(at(body, "/toolConfig/functionCallingConfig/allowedFunctionNames") == R"(["Person","Weather"])");
  }
}

TEST_CASE("gemini TOOLS re-ask: the functionCall echoed with its id and thought signature, a functionResponse with the error") {
  FakeProviderServer server;
  server.push(json_reply(gemini_function_call_body({{"Person", R"({"name":"Ann","age":310})", "a1b2"}}, {120, 20, 30, 0})));
  server.push(json_reply(gemini_function_call_body({{"Person", kPerson, "c3d4"}}, {180, 20, 0, 100})));
  auto result = gemini_client(server).create<clienttest::Person>(ask(2));
  check_person(result);
  auto second = body_of(request_at(server, 1));
  CHECK(at(second, "/contents/1") ==
        R"({"role":"model","parts":[{"functionCall":{"id":"a1b2","name":"Person","args":{"name":"Ann","age":310}},)"
        R"("thoughtSignature":"CiQBcall-signature=="}]})");
  CHECK(at(second, "/contents/2/role") == R"("user")");
  CHECK(at(second, "/contents/2/parts/0/functionResponse/id") == R"("a1b2")");
  CHECK(at(second, "/contents/2/parts/0/functionResponse/name") == R"("Person")");
  CHECK(at(second, "/contents/2/parts/0/functionResponse/response/error").find("(integer.lte)") != std::string::npos);
  CHECK(at(second, "/contents/3") == "<missing>");
  REQUIRE(result.attempts().size() == 2);
  CHECK(result.usage().input_tokens == 300);
  CHECK(result.usage().output_tokens == 70);
  CHECK(result.usage().reasoning_tokens == 30);
  CHECK(result.usage().cached_input_tokens == 100);
}

TEST_CASE("gemini re-ask of calls without ids: the ids the client gives are echoed in call and response alike") {
  FakeProviderServer server;
  server.push(json_reply(gemini_function_call_body(
      {{"Person", kPerson, ""}, {"Weather", R"({"city":"","celsius":2})", ""}})));
  server.push(json_reply(gemini_function_call_body(
      {{"Person", kPerson, ""}, {"Weather", R"({"city":"Oslo","celsius":2})", ""}})));
  auto result = gemini_client(server, Mode::parallel_tools).create_parallel<clienttest::Person, clienttest::Weather>(ask(1));
  REQUIRE_MESSAGE(result, result.error().to_text());
  auto second = body_of(request_at(server, 1));
  const std::string first_id = at(second, "/contents/1/parts/0/functionCall/id");
  CHECK(first_id != "<missing>");
  CHECK(at(second, "/contents/2/parts/0/functionResponse/id") == first_id);
  CHECK(at(second, "/contents/2/parts/0/functionResponse/response") == R"({"output":"Valid."})");
  CHECK(at(second, "/contents/2/parts/1/functionResponse/name") == R"("Weather")");
  CHECK(at(second, "/contents/2/parts/1/functionResponse/response/error") != "<missing>");
  CHECK(at(second, "/contents/1/parts/1/thoughtSignature") == "<missing>");
}

TEST_CASE("gemini JSON re-ask: the model's text echoed with its thought signature, then the feedback") {
  FakeProviderServer server;
  server.push(json_reply(gemini_text_body(R"({"name":"","age":31})")));
  server.push(json_reply(gemini_text_body(kPerson)));
  check_person(gemini_client(server, Mode::json).create<clienttest::Person>(ask(1)));
  auto second = body_of(request_at(server, 1));
  CHECK(at(second, "/contents/1") ==
        R"({"role":"model","parts":[{"text":"{\"name\":\"\",\"age\":31}","thoughtSignature":"CiQBtext-signature=="}]})");
  CHECK(at(second, "/contents/2/role") == R"("user")");
  CHECK(at(second, "/contents/2/parts/0/text").find("(string.min_len)") != std::string::npos);
}

TEST_CASE("gemini finishes: MAX_TOKENS (with or without parts) truncated, SAFETY and a blocked prompt content_filter") {
  {
    FakeProviderServer server;
    server.push(json_reply(gemini_text_body(R"({"name":"Ann","ag)", "MAX_TOKENS")));
    auto result = gemini_client(server, Mode::json).create<clienttest::Person>(ask(2));
    REQUIRE(!result);
    CHECK(result.error().kind() == ErrorKind::truncated);
    CHECK(server.requests().size() == 1);
  }
  {
    FakeProviderServer server;
    server.push(json_reply(R"({"candidates":[{"content":{"role":"model"},"finishReason":"MAX_TOKENS","index":0}],)"
                           R"("usageMetadata":{"promptTokenCount":15,"thoughtsTokenCount":2,"totalTokenCount":17}})"));
    auto result = gemini_client(server, Mode::json).create<clienttest::Person>(ask(2));
    REQUIRE(!result);
    CHECK(result.error().kind() == ErrorKind::truncated);
    CHECK(result.usage().output_tokens == 2);
  }
  {
    FakeProviderServer server;
    server.push(json_reply(gemini_text_body("", "SAFETY")));
    auto result = gemini_client(server, Mode::json).create<clienttest::Person>(ask(2));
    REQUIRE(!result);
    CHECK(result.error().kind() == ErrorKind::content_filter);
    CHECK(result.error().attempts().at(0).finish_reason_raw == "SAFETY");
  }
  {
    FakeProviderServer server;
    server.push(json_reply(gemini_blocked_body("PROHIBITED_CONTENT")));
    auto result = gemini_client(server).create<clienttest::Person>(ask(2));
    REQUIRE(!result);
    CHECK(result.error().kind() == ErrorKind::content_filter);
    CHECK(result.error().attempts().at(0).finish_reason_raw == "PROHIBITED_CONTENT");
    CHECK(server.requests().size() == 1);
  }
}

TEST_CASE("gemini MALFORMED_FUNCTION_CALL is no answer: re-asked") {
  FakeProviderServer server;
  server.push(json_reply(R"({"candidates":[{"content":{"role":"model"},"finishReason":"MALFORMED_FUNCTION_CALL","index":0}],)"
                         R"("usageMetadata":{"promptTokenCount":15,"totalTokenCount":15}})"));
  server.push(person_reply(Mode::tools, false));
  auto result = gemini_client(server).create<clienttest::Person>(ask(1));
  check_person(result);
  CHECK(result.attempts().at(0).finish_reason == FinishReason::other);
  CHECK(result.attempts().at(0).error == "the model wrote no answer");
}

TEST_CASE("gemini HTTP errors map to the same kinds as OpenAI's, with the status as the provider code") {
  struct Case {
    int status;
    std::string code;
    ErrorKind kind;
  };
  const std::vector<Case> cases = {{400, "INVALID_ARGUMENT", ErrorKind::bad_request},
                                   {403, "PERMISSION_DENIED", ErrorKind::permission},
                                   {404, "NOT_FOUND", ErrorKind::not_found}};
  for (const Case& c : cases) {
    CAPTURE(c.status);
    FakeProviderServer server;
    server.push(ScriptedResponse::json(c.status, gemini_error_body(c.status, c.code, "It went wrong.")));
    auto result = gemini_client(server).create<clienttest::Person>(ask(2));
    REQUIRE(!result);
    CHECK(result.error().kind() == c.kind);
    CHECK(result.error().provider_code() == c.code);
    CHECK(result.error().message() == "Google Gemini answered HTTP " + std::to_string(c.status) + ": It went wrong.");
    CHECK(result.error().to_text().find(kTestKey) == std::string::npos);
    CHECK(server.requests().size() == 1);
  }
  {
    FakeProviderServer server;
    server.push(ScriptedResponse::json(503, gemini_error_body(503, "UNAVAILABLE", "The model is overloaded.")));
    server.push(person_reply(Mode::tools, false));
    check_person(gemini_client(server).create<clienttest::Person>(ask()));
    CHECK(server.requests().size() == 2);
  }
}

TEST_CASE("gemini 429 with a RetryInfo detail: the transport waits the retryDelay it names, then retries") {
  FakeProviderServer server;
  server.push(ScriptedResponse::json(
      429, R"({"error":{"code":429,"message":"Quota exceeded.","status":"RESOURCE_EXHAUSTED","details":[)"
           R"({"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"0.05s"}]}})"));
  server.push(person_reply(Mode::tools, false));
  ClientOptions options = options_for(server, "");
  std::vector<http::AttemptInfo> attempts;
  options.http.retry.on_attempt = [&](const http::AttemptInfo& info) { attempts.push_back(info); };
  check_person(from_provider("google/gemini-2.5-flash", options).create<clienttest::Person>(ask()));
  REQUIRE(attempts.size() == 2);
  CHECK(attempts[0].will_retry);
  CHECK(attempts[0].delay == 50ms);
}

TEST_CASE("gemini reads GEMINI_API_KEY, else GOOGLE_API_KEY, and a missing key names both") {
  FakeProviderServer server;
  server.set_handler([](const RecordedRequest&) { return person_reply(Mode::tools, false); });
  ClientOptions options = options_for(server, "");
  options.api_key.clear();
  options.environment = {{"GEMINI_API_KEY", "gemini-key"}, {"GOOGLE_API_KEY", "google-key"}};
  check_person(from_provider("google/gemini-2.5-flash", options).create<clienttest::Person>(ask()));
  CHECK(request_at(server, 0).header("x-goog-api-key").value_or("") == "gemini-key");
  options.environment = {{"GEMINI_API_KEY", ""}, {"GOOGLE_API_KEY", "google-key"}};
  check_person(from_provider("google/gemini-2.5-flash", options).create<clienttest::Person>(ask()));
  CHECK(request_at(server, 1).header("x-goog-api-key").value_or("") == "google-key");
  options.environment = {{"GEMINI_API_KEY", ""}, {"GOOGLE_API_KEY", ""}};
  Client missing = from_provider("google/gemini-2.5-flash", options);
  REQUIRE(!missing.ok());
  CHECK(missing.configuration_error()->message() ==
        "no API key for google: set GEMINI_API_KEY (or GOOGLE_API_KEY) or ClientOptions::api_key");
}

TEST_CASE("gemini mid-stream UNAVAILABLE error: streamed again while attempts remain, else a provider_error") {
  const std::string opening = gemini_event(R"({"candidates":[{"content":{"role":"model","parts":[{"text":"{\"name\":"}]},"index":0}]})");
  const std::string overloaded = gemini_event(gemini_error_body(503, "UNAVAILABLE", "The model is overloaded."));
  {
    FakeProviderServer server;
    server.push(sse_reply(opening + overloaded, 40));
    server.push(person_reply(Mode::json, true));
    Request request = ask(1);
    request.stream = true;
    auto result = gemini_client(server, Mode::json).create<clienttest::Person>(request);
    check_person(result);
    CHECK(result.attempts().size() == 2);
  }
  {
    FakeProviderServer server;
    server.push(sse_reply(opening + overloaded, 40));
    Request request = ask();
    request.stream = true;
    auto result = gemini_client(server, Mode::json).create<clienttest::Person>(request);
    REQUIRE(!result);
    CHECK(result.error().kind() == ErrorKind::provider_error);
    CHECK(result.error().provider_code() == "UNAVAILABLE");
  }
}

TEST_CASE("gemini JSON_SCHEMA and TOOLS send Gemini's JSON Schema subset: bounds kept, a length in words") {
  for (Mode mode : {Mode::json_schema, Mode::tools}) {
    CAPTURE(mode_name(mode));
    FakeProviderServer server;
    server.push(person_reply(mode, false));
    check_person(gemini_client(server, mode).create<clienttest::Person>(ask()));
    auto body = body_of(request_at(server, 0));
    const std::string schema =
        mode == Mode::json_schema ? "/generationConfig/responseJsonSchema" : "/tools/0/functionDeclarations/0/parametersJsonSchema";
    CHECK(at(body, (schema + "/properties/age/maximum").c_str()) == "150");
    CHECK(at(body, (schema + "/properties/name/minLength").c_str()) == "<missing>");
    CHECK(at(body, (schema + "/properties/name/description").c_str()) == R"("Full name, as written. At least 1 character.")");
  }
}

TEST_CASE("gemini with gemini_openapi_schema: responseSchema and function parameters in the OpenAPI subset") {
  for (Mode mode : {Mode::json_schema, Mode::tools}) {
    CAPTURE(mode_name(mode));
    FakeProviderServer server;
    server.push(person_reply(mode, false));
    check_person(gemini_client(server, mode, "gemini-2.5-flash", true).create<clienttest::Person>(ask()));
    auto body = body_of(request_at(server, 0));
    if (mode == Mode::json_schema) {
      CHECK(at(body, "/generationConfig/responseJsonSchema") == "<missing>");
      CHECK(at(body, "/generationConfig/responseSchema") ==
            R"({"title":"Person","description":"A person named in the text.","type":"OBJECT","properties":{)"
            R"("name":{"description":"Full name, as written. At least 1 character.","type":"STRING"},)"
            R"("age":{"description":"Age in whole years.","type":"INTEGER","minimum":0,"maximum":150}},)"
            R"("required":["name","age"],"propertyOrdering":["name","age"]})");
    } else {
      CHECK(at(body, "/tools/0/functionDeclarations/0/parametersJsonSchema") == "<missing>");
      CHECK(at(body, "/tools/0/functionDeclarations/0/parameters/type") == R"("OBJECT")");
      CHECK(at(body, "/tools/0/functionDeclarations/0/parameters/properties/age/type") == R"("INTEGER")");
    }
  }
}

TEST_CASE("gemini with gemini_openapi_schema: a recursive model is refused before anything is sent") {
  FakeProviderServer server;
  auto result = gemini_client(server, Mode::json_schema, "gemini-2.5-flash", true).create<golden::Tree>(ask());
  REQUIRE(!result);
  CHECK(result.error().kind() == ErrorKind::configuration);
  CHECK(result.error().message().find("golden.Tree.children[]: a message that contains itself (a recursive schema) "
                                      "cannot be written in Gemini's responseSchema") == 0);
  CHECK(server.requests().empty());
}
