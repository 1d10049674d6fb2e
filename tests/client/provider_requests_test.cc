// The exact request each provider is sent in each mode it supports
// (PROVIDERS.md §1, 5, 6, 7), each answered by the fake server and mapped
// into a generated type.
#include <doctest/doctest.h>

#include <functional>

#include "client_harness.h"
#include "clienttest/models.instructor.h"

using namespace instructor;
using namespace instructor::testing;

namespace {

constexpr std::string_view kPerson = R"({"name": "Ann", "age": 31})";

bool is_tool_mode(Mode mode) { return mode == Mode::tools || mode == Mode::tools_strict; }

ScriptedResponse person_reply(Mode mode) {
  if (is_tool_mode(mode)) return json_reply(chat_tool_call_body("Person", kPerson));
  if (mode == Mode::md_json) return json_reply(chat_content_body("Here it is:\n```json\n" + std::string(kPerson) + "\n```"));
  return json_reply(chat_content_body(kPerson));
}

Request person_request() { return Request{.messages = {user("Extract: Ann, 31")}}; }

struct Exchange {
  Result<clienttest::Person> result;
  RecordedRequest request;
  rapidjson::Document body;
};

// One create<Person> through `provider_and_model` in `mode`; the server answers in that mode.
Exchange exchange(std::string_view provider_and_model, Mode mode, Request request = person_request(),
                  const std::function<void(ClientOptions&)>& adjust = {}, std::string_view base_path = "/v1") {
  FakeProviderServer server;
  server.push(person_reply(mode));
  ClientOptions options = options_for(server, base_path);
  options.mode = mode;
  if (adjust) adjust(options);
  Client client = from_provider(provider_and_model, options);
  auto result = client.create<clienttest::Person>(std::move(request));
  RecordedRequest recorded = request_at(server, 0);
  rapidjson::Document body = body_of(recorded);
  return Exchange{std::move(result), std::move(recorded), std::move(body)};
}

void check_person(const Result<clienttest::Person>& result) {
  REQUIRE_MESSAGE(result, result.error().to_text());
  CHECK(result->name() == "Ann");
  CHECK(result->age() == 31);
}

}  // namespace

TEST_CASE("openai TOOLS: one function tool with the generated schema, the call forced by name, one call only") {
  auto x = exchange("openai/gpt-4o-mini", Mode::tools);
  check_person(x.result);
  CHECK(x.request.method == "POST");
  CHECK(x.request.target == "/v1/chat/completions");
  CHECK(x.request.header("authorization").value_or("") == "Bearer " + std::string(kTestKey));
  CHECK(x.request.header("content-type").value_or("") == "application/json");
  CHECK(at(x.body, "/model") == R"("gpt-4o-mini")");
  CHECK(at(x.body, "/messages") == R"([{"role":"user","content":"Extract: Ann, 31"}])");
  CHECK(at(x.body, "/tools/0/type") == R"("function")");
  CHECK(at(x.body, "/tools/0/function/name") == R"("Person")");
  CHECK(at(x.body, "/tools/0/function/description") == R"("A person named in the text.")");
  CHECK(at(x.body, "/tools/0/function/parameters/properties/age/maximum") == "150");
  CHECK(at(x.body, "/tools/0/function/parameters/$schema") == "<missing>");
  CHECK(at(x.body, "/tools/0/function/strict") == "<missing>");
  CHECK(at(x.body, "/tool_choice") == R"({"type":"function","function":{"name":"Person"}})");
  CHECK(at(x.body, "/parallel_tool_calls") == "false");
  CHECK(at(x.body, "/response_format") == "<missing>");
  CHECK(at(x.body, "/stream") == "<missing>");
}

TEST_CASE("openai TOOLS_STRICT: strict true and the strict dialect of the schema") {
  auto x = exchange("openai/gpt-4o-mini", Mode::tools_strict);
  check_person(x.result);
  CHECK(at(x.body, "/tools/0/function/strict") == "true");
  CHECK(at(x.body, "/tools/0/function/parameters/required") == R"(["name","age"])");
  CHECK(at(x.body, "/tools/0/function/parameters/additionalProperties") == "false");
  // minLength is not in strict mode's subset: it moves into the description.
  CHECK(at(x.body, "/tools/0/function/parameters/properties/name/minLength") == "<missing>");
  CHECK(at(x.body, "/tools/0/function/parameters/properties/name/description") ==
        R"("Full name, as written. At least 1 character.")");
}

TEST_CASE("openai JSON_SCHEMA: response_format json_schema, named, strict, with the strict dialect") {
  auto x = exchange("openai/gpt-4o-mini", Mode::json_schema);
  check_person(x.result);
  CHECK(at(x.body, "/response_format/type") == R"("json_schema")");
  CHECK(at(x.body, "/response_format/json_schema/name") == R"("Person")");
  CHECK(at(x.body, "/response_format/json_schema/strict") == "true");
  CHECK(at(x.body, "/response_format/json_schema/schema/required") == R"(["name","age"])");
  CHECK(at(x.body, "/tools") == "<missing>");
  CHECK(at(x.body, "/tool_choice") == "<missing>");
}

TEST_CASE("openai JSON: response_format json_object and the schema in a system message that says JSON") {
  auto x = exchange("openai/gpt-4o-mini", Mode::json);
  check_person(x.result);
  CHECK(at(x.body, "/response_format") == R"({"type":"json_object"})");
  CHECK(at(x.body, "/messages/0/role") == R"("system")");
  const std::string prompt = at(x.body, "/messages/0/content");
  CHECK(prompt.find("JSON Schema") != std::string::npos);
  CHECK(prompt.find(R"(\"title\":\"Person\")") != std::string::npos);
  CHECK(at(x.body, "/messages/1/role") == R"("user")");
}

TEST_CASE("openai MD_JSON: no response_format, and the prompt asks for a fenced block, and the fenced answer is read") {
  auto x = exchange("openai/gpt-4o-mini", Mode::md_json);
  check_person(x.result);
  CHECK(at(x.body, "/response_format") == "<missing>");
  CHECK(at(x.body, "/messages/0/content").find("```json") != std::string::npos);
}

TEST_CASE("a mode the provider does not support is refused before any request, naming the supported ones") {
  FakeProviderServer server;
  ClientOptions options = options_for(server);
  options.mode = Mode::json_schema;
  Client client = from_provider("deepseek/deepseek-chat", options);
  REQUIRE(client.configuration_error());
  auto result = client.create<clienttest::Person>(person_request());
  REQUIRE(!result);
  CHECK(result.error().kind() == ErrorKind::configuration);
  CHECK(result.error().message() ==
        "mode JSON_SCHEMA is not supported by deepseek (supported: TOOLS, JSON, MD_JSON, PARALLEL_TOOLS)");
  CHECK(server.requests().empty());

  // The same for a per-call mode.
  Client openai_compatible = client_for("ollama/llama3.2", server);
  auto per_call = openai_compatible.create<clienttest::Person>(
      Request{.messages = {user("x")}, .mode = Mode::tools_strict});
  REQUIRE(!per_call);
  CHECK(per_call.error().message().find("mode TOOLS_STRICT is not supported by ollama") == 0);
  CHECK(server.requests().empty());
}

TEST_CASE("sampling settings are sent under each provider's names") {
  Request request = person_request();
  request.temperature = 0.25;
  request.top_p = 0.5;
  request.max_tokens = 300;
  request.stop = {"END"};
  request.seed = 7;
  auto openai = exchange("openai/gpt-4o-mini", Mode::tools, request);
  CHECK(at(openai.body, "/temperature") == "0.25");
  CHECK(at(openai.body, "/top_p") == "0.5");
  CHECK(at(openai.body, "/max_completion_tokens") == "300");
  CHECK(at(openai.body, "/max_tokens") == "<missing>");
  CHECK(at(openai.body, "/stop") == R"(["END"])");
  CHECK(at(openai.body, "/seed") == "7");

  auto groq = exchange("groq/llama-3.3-70b-versatile", Mode::tools, request);
  CHECK(at(groq.body, "/max_tokens") == "300");
  CHECK(at(groq.body, "/max_completion_tokens") == "<missing>");

  auto mistral = exchange("mistral/mistral-large-latest", Mode::tools, request);
  CHECK(at(mistral.body, "/random_seed") == "7");
  CHECK(at(mistral.body, "/seed") == "<missing>");
}

TEST_CASE("the model named in a request overrides the client's") {
  Request request = person_request();
  request.model = "gpt-4.1";
  auto x = exchange("openai/gpt-4o-mini", Mode::tools, request);
  CHECK(at(x.body, "/model") == R"("gpt-4.1")");
}

TEST_CASE("roles: system and developer messages, developer sent as system where only OpenAI knows it") {
  Request request{.messages = {instructor::system("Be exact."), developer("Use the tool."), user("Ann, 31"), assistant("ok")}};
  auto openai = exchange("openai/gpt-4o-mini", Mode::tools, request);
  CHECK(at(openai.body, "/messages") ==
        R"([{"role":"system","content":"Be exact."},{"role":"developer","content":"Use the tool."},)"
        R"({"role":"user","content":"Ann, 31"},{"role":"assistant","content":"ok"}])");
  auto together = exchange("together/meta-llama/Llama-3.3-70B-Instruct-Turbo", Mode::tools, request);
  CHECK(at(together.body, "/messages/1/role") == R"("system")");
  CHECK(at(together.body, "/model") == R"("meta-llama/Llama-3.3-70B-Instruct-Turbo")");
}

TEST_CASE("images go as content parts: a URL as it is, bytes as a base64 data URL with their MIME type") {
  Request request{.messages = {user({text_part("Who is this?"), image_url("https://example.com/a.png", "low"),
                                     image_bytes(std::string("\x89PNG\r\n", 6), "image/png")})}};
  auto x = exchange("openai/gpt-4o-mini", Mode::tools, request);
  CHECK(at(x.body, "/messages/0/content/0") == R"({"type":"text","text":"Who is this?"})");
  CHECK(at(x.body, "/messages/0/content/1") ==
        R"({"type":"image_url","image_url":{"url":"https://example.com/a.png","detail":"low"}})");
  CHECK(at(x.body, "/messages/0/content/2") == R"({"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0K"}})");
}

TEST_CASE("extra_body is merged at the top level and wins over what the library writes, extra headers are sent") {
  Request request = person_request();
  request.extra_body = R"({"temperature": 1.5, "user": "u-42", "metadata": {"run": "7"}})";
  request.temperature = 0.1;
  request.extra_headers = {{"OpenAI-Project", "proj_1"}};
  auto x = exchange("openai/gpt-4o-mini", Mode::tools, request);
  check_person(x.result);
  CHECK(at(x.body, "/temperature") == "1.5");
  CHECK(at(x.body, "/user") == R"("u-42")");
  CHECK(at(x.body, "/metadata") == R"({"run":"7"})");
  CHECK(at(x.body, "/tools/0/function/name") == R"("Person")");
  CHECK(x.request.header("openai-project").value_or("") == "proj_1");
}

TEST_CASE("an extra_body that is not a JSON object is a configuration error before anything is sent") {
  FakeProviderServer server;
  Client client = client_for("openai/gpt-4o-mini", server);
  Request request = person_request();
  request.extra_body = "[1, 2]";
  auto result = client.create<clienttest::Person>(request);
  REQUIRE(!result);
  CHECK(result.error().kind() == ErrorKind::configuration);
  CHECK(result.error().message() == "extra_body must be a JSON object");
  request.extra_body = "{\"a\": ";
  result = client.create<clienttest::Person>(request);
  REQUIRE(!result);
  CHECK(result.error().message().find("extra_body is not JSON") == 0);
  CHECK(server.requests().empty());
}

TEST_CASE("azure_openai: deployment URL with api-version and the api-key header, or the v1 URL") {
  auto deployment = exchange("azure_openai/my-gpt4o", Mode::tools, person_request(), {}, "");
  check_person(deployment.result);
  CHECK(deployment.request.target == "/openai/deployments/my-gpt4o/chat/completions?api-version=2024-10-21");
  CHECK(deployment.request.header("api-key").value_or("") == kTestKey);
  CHECK(!deployment.request.header("authorization"));

  auto preview = exchange("azure_openai/my-gpt4o", Mode::json_schema, person_request(),
                          [](ClientOptions& o) { o.api_version = "2025-04-01-preview"; }, "");
  CHECK(preview.request.target == "/openai/deployments/my-gpt4o/chat/completions?api-version=2025-04-01-preview");

  auto v1 = exchange("azure_openai/my-gpt4o", Mode::tools, person_request(),
                     [](ClientOptions& o) { o.api_version = "v1"; }, "");
  CHECK(v1.request.target == "/openai/v1/chat/completions");
  CHECK(at(v1.body, "/model") == R"("my-gpt4o")");

  auto v1_endpoint = exchange("azure_openai/my-gpt4o", Mode::tools, person_request(), {}, "/openai/v1");
  CHECK(v1_endpoint.request.target == "/openai/v1/chat/completions");
}

TEST_CASE("azure_openai reads AZURE_OPENAI_ENDPOINT, AZURE_OPENAI_API_KEY and AZURE_OPENAI_API_VERSION") {
  FakeProviderServer server;
  server.push(person_reply(Mode::tools));
  ClientOptions options;
  options.http.proxy = http::ProxySettings{};
  options.environment = {{"AZURE_OPENAI_ENDPOINT", server.url("")},
                         {"AZURE_OPENAI_API_KEY", "azure-key-123456789"},
                         {"AZURE_OPENAI_API_VERSION", "2024-06-01"}};
  Client client = from_provider("azure_openai/dep", options);
  REQUIRE(client.ok());
  check_person(client.create<clienttest::Person>(person_request()));
  auto request = request_at(server, 0);
  CHECK(request.target == "/openai/deployments/dep/chat/completions?api-version=2024-06-01");
  CHECK(request.header("api-key").value_or("") == "azure-key-123456789");
}

TEST_CASE("mistral: tool_choice any, no stream_options, random_seed") {
  auto x = exchange("mistral/mistral-small-latest", Mode::tools);
  check_person(x.result);
  CHECK(at(x.body, "/tool_choice") == R"("any")");
  CHECK(at(x.body, "/parallel_tool_calls") == "<missing>");
}

TEST_CASE("ollama's /v1: no key, no tool_choice (the prompt names the tool), OLLAMA_HOST as host:port") {
  FakeProviderServer server;
  server.push(person_reply(Mode::tools));
  ClientOptions options;
  options.http.proxy = http::ProxySettings{};
  options.mode = Mode::tools;
  options.environment = {{"OLLAMA_HOST", "127.0.0.1:" + std::to_string(server.port())}};
  Client client = from_provider("ollama/llama3.2", options);
  REQUIRE_MESSAGE(client.ok(), client.configuration_error()->message());
  CHECK(client.base_url() == "http://127.0.0.1:" + std::to_string(server.port()) + "/v1");
  check_person(client.create<clienttest::Person>(person_request()));
  auto request = request_at(server, 0);
  auto body = body_of(request);
  CHECK(request.target == "/v1/chat/completions");
  CHECK(!request.header("authorization"));
  CHECK(at(body, "/tool_choice") == "<missing>");
  CHECK(at(body, "/messages/0/content") == R"("Answer by calling the function Person with the values it asks for.")");
}

TEST_CASE("ollama's default mode is JSON_SCHEMA, sent without the strict dialect") {
  FakeProviderServer server;
  server.push(person_reply(Mode::json_schema));
  ClientOptions options = options_for(server);
  Client client = from_provider("ollama/qwen3", options);
  CHECK(client.mode() == Mode::json_schema);
  check_person(client.create<clienttest::Person>(person_request()));
  auto body = body_of(request_at(server, 0));
  CHECK(at(body, "/response_format/json_schema/strict") == "false");
  CHECK(at(body, "/response_format/json_schema/schema/properties/name/minLength") == "1");
}

TEST_CASE("ollama's /v1 JSON_SCHEMA sends the grammar's subset: what llama.cpp cannot enforce in words") {
  FakeProviderServer server;
  server.push(json_reply(chat_content_body(R"({"stock": {}, "owner": {"name": "Ann", "age": 31}, "tags": ["a"]})")));
  Client client = from_provider("ollama/qwen3", options_for(server));
  auto result = client.create<clienttest::Inventory>(person_request());
  REQUIRE_MESSAGE(result, result.error().to_text());
  auto body = body_of(request_at(server, 0));
  CHECK(at(body, "/response_format/json_schema/schema/properties/tags/uniqueItems") == "<missing>");
  CHECK(at(body, "/response_format/json_schema/schema/properties/tags/description") == R"("Items must be unique.")");
}

TEST_CASE("openrouter asks to be routed only to hosts that honour tools and response formats") {
  auto x = exchange("openrouter/openai/gpt-4o-mini", Mode::json_schema);
  check_person(x.result);
  CHECK(at(x.body, "/model") == R"("openai/gpt-4o-mini")");
  CHECK(at(x.body, "/provider") == R"({"require_parameters":true})");
}

TEST_CASE("openai_compatible: any base URL, the key optional, JSON_SCHEMA in the nested form by default") {
  FakeProviderServer server;
  server.push(person_reply(Mode::json_schema));
  ClientOptions options;
  options.http.proxy = http::ProxySettings{};
  options.base_url = server.url("/v1/");
  Client client = from_provider("openai_compatible/qwen2.5-7b-instruct", options);
  REQUIRE(client.ok());
  CHECK(client.base_url() == server.url("/v1"));
  check_person(client.create<clienttest::Person>(person_request()));
  auto request = request_at(server, 0);
  auto body = body_of(request);
  CHECK(!request.header("authorization"));
  CHECK(at(body, "/response_format/type") == R"("json_schema")");
  CHECK(at(body, "/response_format/json_schema/schema/type") == R"("object")");
}

TEST_CASE("every OpenAI-compatible provider sends its key as a bearer token to its chat completions path") {
  for (std::string_view provider : {"groq", "together", "deepseek", "openrouter", "fireworks", "xai", "cerebras", "mistral"}) {
    CAPTURE(provider);
    auto x = exchange(std::string(provider) + "/some-model", Mode::tools);
    check_person(x.result);
    CHECK(x.request.target == "/v1/chat/completions");
    CHECK(x.request.header("authorization").value_or("") == "Bearer " + std::string(kTestKey));
  }
}

TEST_CASE("a missing key is a configuration error naming the variable, before any request") {
  ClientOptions options;
  options.environment = {{"OPENAI_API_KEY", ""}};
  ::unsetenv("OPENAI_API_KEY");
  Client client = from_provider("openai/gpt-4o-mini", options);
  REQUIRE(client.configuration_error());
  CHECK(client.configuration_error()->message() == "no API key for openai: set OPENAI_API_KEY or ClientOptions::api_key");
  auto result = client.create<clienttest::Person>(person_request());
  REQUIRE(!result);
  CHECK(result.error().kind() == ErrorKind::configuration);
  CHECK(result.attempts().empty());

  ::unsetenv("GROQ_API_KEY");
  CHECK(from_provider("groq/x").configuration_error()->message() ==
        "no API key for groq: set GROQ_API_KEY or ClientOptions::api_key");
}

TEST_CASE("an unknown provider lists the known ones, and a missing model says how to write one") {
  Client client = from_provider("opneai/gpt-4o");
  REQUIRE(client.configuration_error());
  CHECK(client.configuration_error()->message() ==
        "unknown provider \"opneai\" in \"opneai/gpt-4o\"; known providers: openai, azure_openai, anthropic, google, mistral, groq, "
        "together, deepseek, openrouter, fireworks, xai, cerebras, ollama, openai_compatible, ollama_native, cohere");
  CHECK(from_provider("openai").configuration_error()->message() ==
        "no model in \"openai\": write \"openai/<model>\", e.g. \"openai/gpt-4o-mini\"");
  CHECK(from_provider("openai_compatible/m").configuration_error()->message() ==
        "openai_compatible needs a base URL: set OPENAI_COMPATIBLE_BASE_URL or ClientOptions::base_url");
}
