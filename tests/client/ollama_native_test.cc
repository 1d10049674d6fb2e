// Ollama's native /api/chat through the whole client (PROVIDERS.md §4): the
// exact request of every mode, whole and NDJSON-streamed answers into
// generated types, re-asks in Ollama's idiom (tool results by tool_name,
// arguments as objects), usage from prompt_eval_count/eval_count, done_reason,
// and errors (HTTP and mid-stream) mapped to the same kinds as OpenAI's.
#include <utility>  // before Asio (Boost 1.74 + GCC 12)

#include <doctest/doctest.h>

#include <boost/asio/use_future.hpp>

#include "client_harness.h"
#include "clienttest/conformance.instructor.h"
#include "clienttest/models.instructor.h"
#include "person_extraction.h"
#include "fixture_paths.h"
#include "fixture_replay.h"
#include "ollama_replies.h"

using namespace instructor;
using namespace instructor::testing;

namespace {

const std::string kPerson = R"({"name": "Ann", "age": 31})";

Client native_client(const FakeProviderServer& server, Mode mode, bool with_key = false) {
  ClientOptions options = options_for(server, "");
  if (!with_key) options.api_key.clear();
  options.mode = mode;
  return from_provider("ollama_native/qwen3", options);
}

ScriptedResponse person_reply(Mode mode, bool stream) {
  if (mode == Mode::parallel_tools) {
    std::vector<OllamaToolCall> calls = {{"Person", kPerson}, {"Weather", R"({"city": "Oslo", "celsius": 2})"}};
    return stream ? ndjson_reply(ollama_tool_calls_stream(calls)) : ollama_json_reply(ollama_tool_calls_body(calls));
  }
  if (answers_with_tools(mode)) {
    return stream ? ndjson_reply(ollama_tool_calls_stream({{"Person", kPerson}}))
                  : ollama_json_reply(ollama_tool_calls_body({{"Person", kPerson}}));
  }
  const std::string text = mode == Mode::md_json ? "```json\n" + kPerson + "\n```" : kPerson;
  return stream ? ndjson_reply(ollama_content_stream(text, 5)) : ollama_json_reply(ollama_content_body(text));
}

Request person_request(bool stream = false, int max_retries = 0) {
  Request request{.messages = {user("Ann, 31")}, .max_retries = max_retries};
  request.stream = stream;
  return request;
}

}  // namespace

TEST_CASE("ollama_native in every mode it supports, whole and streamed: the request and the typed answer") {
  std::size_t combinations = 0;
  for (Mode mode : {Mode::tools, Mode::json_schema, Mode::json, Mode::md_json, Mode::parallel_tools}) {
    for (bool stream : {false, true}) {
      CAPTURE(mode_name(mode));
      CAPTURE(stream);
      FakeProviderServer server;
      server.push(person_reply(mode, stream));
      Client client = native_client(server, mode);
      REQUIRE_MESSAGE(client.ok(), client.configuration_error()->message());
      const Usage usage = extract_person(client, mode, person_request(stream));
      if (mode != Mode::parallel_tools) {
        CHECK(usage.input_tokens == 10);
        CHECK(usage.output_tokens == 5);
        CHECK(usage.total_tokens == 15);
      }
      RecordedRequest recorded = request_at(server, 0);
      auto body = body_of(recorded);
      CHECK(recorded.method == "POST");
      CHECK(recorded.target == "/api/chat");
      CHECK(!recorded.header("authorization"));
      CHECK(recorded.header("accept").value_or("") == (stream ? "application/x-ndjson" : "application/json"));
      CHECK(at(body, "/model") == R"("qwen3")");
      CHECK(at(body, "/stream") == (stream ? "true" : "false"));  // Ollama streams unless told not to
      CHECK(at(body, "/tool_choice") == "<missing>");
      CHECK(at(body, "/response_format") == "<missing>");
      switch (mode) {
        case Mode::tools:
          CHECK(at(body, "/tools/0/type") == R"("function")");
          CHECK(at(body, "/tools/0/function/name") == R"("Person")");
          CHECK(at(body, "/tools/0/function/parameters/properties/age/maximum") == "150");
          CHECK(at(body, "/format") == "<missing>");
          CHECK(at(body, "/messages/0/content") == R"("Answer by calling the function Person with the values it asks for.")");
          CHECK(at(body, "/messages/1") == R"({"role":"user","content":"Ann, 31"})");
          break;
        case Mode::json_schema:
          CHECK(at(body, "/format/type") == R"("object")");
          CHECK(at(body, "/format/properties/name/minLength") == "1");
          CHECK(at(body, "/format/$schema") == "<missing>");
          CHECK(at(body, "/tools") == "<missing>");
          CHECK(at(body, "/messages/0") == R"({"role":"user","content":"Ann, 31"})");
          break;
        case Mode::json:
          CHECK(at(body, "/format") == R"("json")");
          CHECK(at(body, "/messages/0/role") == R"("system")");
          CHECK(at(body, "/messages/0/content").find("JSON Schema") != std::string::npos);
          break;
        case Mode::md_json:
          CHECK(at(body, "/format") == "<missing>");
          CHECK(at(body, "/messages/0/content").find("```json") != std::string::npos);
          break;
        case Mode::parallel_tools:
          CHECK(at(body, "/tools/1/function/name") == R"("Weather")");
          CHECK(at(body, "/messages/0/role") == R"("user")");
          break;
        default: break;
      }
      ++combinations;
    }
  }
  CHECK(combinations == 2 * 5);
}

TEST_CASE("ollama_native: TOOLS_STRICT is refused before anything is sent") {
  FakeProviderServer server;
  Client client = native_client(server, Mode::tools_strict);
  REQUIRE(!client.ok());
  CHECK(client.configuration_error()->message().find("mode TOOLS_STRICT is not supported by ollama_native") == 0);
}

TEST_CASE("ollama_native: sampling settings go in options, num_predict for the token limit, and a key is sent as a bearer") {
  FakeProviderServer server;
  server.push(person_reply(Mode::json_schema, false));
  Request request = person_request();
  request.temperature = 0.5;
  request.max_tokens = 300;
  request.seed = 7;
  request.stop = {"END"};
  auto result = native_client(server, Mode::json_schema, true).create<clienttest::Person>(request);
  REQUIRE_MESSAGE(result, result.error().to_text());
  RecordedRequest recorded = request_at(server, 0);
  auto body = body_of(recorded);
  CHECK(recorded.header("authorization").value_or("") == "Bearer " + std::string(kTestKey));
  CHECK(at(body, "/options") == R"({"temperature":0.5,"num_predict":300,"stop":["END"],"seed":7})");
  CHECK(at(body, "/max_tokens") == "<missing>");
}

TEST_CASE("ollama_native: OLLAMA_HOST as host:port is the base URL without /v1, while ollama/ keeps /v1") {
  FakeProviderServer server;
  server.push(person_reply(Mode::json_schema, false));
  ClientOptions options;
  options.http.proxy = http::ProxySettings{};
  options.environment = {{"OLLAMA_HOST", "127.0.0.1:" + std::to_string(server.port())}};
  Client native = from_provider("ollama_native/qwen3", options);
  REQUIRE_MESSAGE(native.ok(), native.configuration_error()->message());
  CHECK(native.base_url() == "http://127.0.0.1:" + std::to_string(server.port()));
  CHECK(native.mode() == Mode::json_schema);
  Client compatible = from_provider("ollama/qwen3", options);
  CHECK(compatible.base_url() == "http://127.0.0.1:" + std::to_string(server.port()) + "/v1");
  auto result = native.create<clienttest::Person>(person_request());
  REQUIRE_MESSAGE(result, result.error().to_text());
  CHECK(request_at(server, 0).target == "/api/chat");
  options.environment = {{"OLLAMA_HOST", "http://gpu-box/"}};
  CHECK(from_provider("ollama_native/qwen3", options).base_url() == "http://gpu-box:11434");
}

TEST_CASE("ollama_native: the NDJSON stream gives partials, in pieces of any size") {
  for (std::size_t piece : {1, 7, 300}) {
    CAPTURE(piece);
    FakeProviderServer server;
    server.push(ndjson_reply(ollama_content_stream(kPerson, 3), piece));
    int partials = 0;
    auto result = native_client(server, Mode::json_schema)
                      .create_partial<clienttest::Person>(person_request(), [&](const auto&, const auto&) { ++partials; });
    REQUIRE_MESSAGE(result, result.error().to_text());
    CHECK(result->age() == 31);
    CHECK(partials >= 2);
  }
}

TEST_CASE("ollama_native: missing counts are 0") {
  FakeProviderServer server;
  server.push(ollama_json_reply(ollama_content_body(kPerson, "stop", {0, 0})));
  auto result = native_client(server, Mode::json_schema).create<clienttest::Person>(person_request());
  REQUIRE_MESSAGE(result, result.error().to_text());
  CHECK(result.usage().input_tokens == 0);
  CHECK(result.usage().output_tokens == 0);
  CHECK(result.usage().total_tokens == 0);
}

TEST_CASE("ollama_native: done_reason length is a truncated answer, whole or streamed") {
  for (bool stream : {false, true}) {
    CAPTURE(stream);
    FakeProviderServer server;
    const std::string cut = R"({"name": "Ann", "ag)";
    server.push(stream ? ndjson_reply(ollama_content_stream(cut, 4, "length"))
                       : ollama_json_reply(ollama_content_body(cut, "length")));
    auto result = native_client(server, Mode::json_schema).create<clienttest::Person>(person_request(stream, 2));
    REQUIRE(!result);
    CHECK(result.error().kind() == ErrorKind::truncated);
    CHECK(result.attempts().at(0).finish_reason_raw == "length");
    CHECK(server.requests().size() == 1);
  }
}

TEST_CASE("ollama_native: an error line inside a 200 stream is a provider error with Ollama's message") {
  FakeProviderServer server;
  server.push(ndjson_reply(ollama_stream_failing(R"({"name": )", "model runner has unexpectedly stopped")));
  auto result = native_client(server, Mode::json_schema).create<clienttest::Person>(person_request(true));
  REQUIRE(!result);
  CHECK(result.error().kind() == ErrorKind::provider_error);
  CHECK(result.error().message().find("model runner has unexpectedly stopped") != std::string::npos);
}

TEST_CASE("ollama_native: after an error line the same request is sent again while attempts remain") {
  FakeProviderServer server;
  server.push(ndjson_reply(ollama_stream_failing(R"({"name": )", "model runner has unexpectedly stopped")));
  server.push(ndjson_reply(ollama_content_stream(kPerson, 6)));
  auto result = native_client(server, Mode::json_schema).create<clienttest::Person>(person_request(true, 1));
  REQUIRE_MESSAGE(result, result.error().to_text());
  CHECK(result->age() == 31);
  REQUIRE(result.attempts().size() == 2);
  CHECK(result.attempts()[0].error == "model runner has unexpectedly stopped");
  CHECK(request_at(server, 1).body == request_at(server, 0).body);
}

TEST_CASE("ollama_native: a stream without its done line ends as a cut stream") {
  FakeProviderServer server;
  std::string stream = ollama_content_stream(kPerson, 4);
  stream.erase(stream.rfind('\n', stream.size() - 2) + 1);  // the done line is never sent
  server.push(ndjson_reply(stream));
  auto result = native_client(server, Mode::json_schema).create<clienttest::Person>(person_request(true));
  REQUIRE(!result);
  CHECK(result.error().kind() == ErrorKind::transport);
}

TEST_CASE("ollama_native: HTTP errors carry Ollama's message and map to the same kinds as OpenAI's") {
  struct Case {
    int status;
    ErrorKind kind;
  };
  for (Case c : {Case{400, ErrorKind::bad_request}, Case{404, ErrorKind::not_found}, Case{429, ErrorKind::rate_limited},
                 Case{500, ErrorKind::server_error}, Case{502, ErrorKind::server_error}}) {
    CAPTURE(c.status);
    FakeProviderServer server;
    server.set_handler([&](const RecordedRequest&) {
      return ScriptedResponse::json(c.status, ollama_error_body("model \"qwen3\" not found, try pulling it first"));
    });
    auto result = native_client(server, Mode::json_schema).create<clienttest::Person>(person_request());
    REQUIRE(!result);
    CHECK(result.error().kind() == c.kind);
    CHECK(result.error().http_status() == c.status);
    CHECK(result.error().message().find("try pulling it first") != std::string::npos);
  }
}

TEST_CASE("ollama_native: a TOOLS re-ask sends the call back with object arguments and a tool result by name") {
  FakeProviderServer server;
  server.push(ollama_json_reply(ollama_tool_calls_body({{"Person", R"({"name": "Ann", "age": 200})"}})));
  server.push(ollama_json_reply(ollama_tool_calls_body({{"Person", kPerson}})));
  auto result = native_client(server, Mode::tools).create<clienttest::Person>(person_request(false, 1));
  REQUIRE_MESSAGE(result, result.error().to_text());
  CHECK(result->age() == 31);
  CHECK(result.usage().total_tokens == 30);
  auto body = body_of(request_at(server, 1));
  CHECK(at(body, "/messages/2/role") == R"("assistant")");
  CHECK(at(body, "/messages/2/tool_calls/0/function/name") == R"("Person")");
  CHECK(at(body, "/messages/2/tool_calls/0/function/arguments") == R"({"name":"Ann","age":200})");
  CHECK(at(body, "/messages/3/role") == R"("tool")");
  CHECK(at(body, "/messages/3/tool_name") == R"("Person")");
  CHECK(at(body, "/messages/3/content").find("age") != std::string::npos);
  CHECK(at(body, "/messages/3/tool_call_id") == "<missing>");
}

TEST_CASE("ollama_native: a JSON_SCHEMA re-ask sends the answer back as assistant text and the problem as user text") {
  FakeProviderServer server;
  server.push(ndjson_reply(ollama_content_stream(R"({"name": "", "age": 31})", 6)));
  server.push(ndjson_reply(ollama_content_stream(kPerson, 6)));
  auto result = native_client(server, Mode::json_schema).create<clienttest::Person>(person_request(true, 1));
  REQUIRE_MESSAGE(result, result.error().to_text());
  CHECK(result->name() == "Ann");
  auto body = body_of(request_at(server, 1));
  CHECK(at(body, "/messages/1") == R"({"role":"assistant","content":"{\"name\": \"\", \"age\": 31}"})");
  CHECK(at(body, "/messages/2/role") == R"("user")");
  CHECK(at(body, "/messages/2/content").find("name") != std::string::npos);
  CHECK(at(body, "/format/type") == R"("object")");
}

TEST_CASE("ollama_native: image bytes go as base64 in images, and an image URL is a configuration error") {
  FakeProviderServer server;
  server.push(person_reply(Mode::json_schema, false));
  Request request{.messages = {ChatMessage{Role::user, {text_part("Who is this?"), image_bytes("PNG", "image/png")}}}};
  auto result = native_client(server, Mode::json_schema).create<clienttest::Person>(request);
  REQUIRE_MESSAGE(result, result.error().to_text());
  CHECK(at(body_of(request_at(server, 0)), "/messages/0") == R"({"role":"user","content":"Who is this?","images":["UE5H"]})");

  Request by_url{.messages = {ChatMessage{Role::user, {image_url("https://example.com/a.png")}}}};
  auto refused = native_client(server, Mode::json_schema).create<clienttest::Person>(by_url);
  REQUIRE(!refused);
  CHECK(refused.error().kind() == ErrorKind::configuration);
  CHECK(server.requests().size() == 1);
}

TEST_CASE("ollama_native: the hand-written /api/chat stream of tests/fixtures into a typed message, with its counts") {
  for (std::size_t piece : {1, 50, 4096}) {
    CAPTURE(piece);
    FakeProviderServer server;
    server.push(replay_stream(repo_fixtures_dir() / "ollama/api_chat_stream.ndjson", piece));
    auto result = native_client(server, Mode::json_schema).create<clienttest::PersonCity>(person_request(true));
    REQUIRE_MESSAGE(result, result.error().to_text());
    CHECK(result->name() == "Ann Lee");
    CHECK(result->age() == 31);
    CHECK(result->city() == "Paris");
    CHECK(result.usage().input_tokens == 29);
    CHECK(result.usage().output_tokens == 17);
    CHECK(result.attempts().at(0).finish_reason_raw == "stop");
    auto body = body_of(request_at(server, 0));
    CHECK(at(body, "/format/properties/city/type") == R"("string")");
  }
}

TEST_CASE("ollama_native: create_iterable hands out each item of a streamed JSON_SCHEMA list as it completes") {
  FakeProviderServer server;
  const std::string people = R"({"items": [{"name": "Ann", "age": 31}, {"name": "Bob", "age": 42}]})";
  server.push(ndjson_reply(ollama_content_stream(people, 7), 20));
  std::vector<std::string> handed;
  auto result = native_client(server, Mode::json_schema)
                    .create_iterable<clienttest::Person>(person_request(), [&](clienttest::Person&& p) { handed.push_back(p.name()); });
  REQUIRE_MESSAGE(result, result.error().to_text());
  CHECK(handed == std::vector<std::string>{"Ann", "Bob"});
  auto body = body_of(request_at(server, 0));
  CHECK(at(body, "/stream") == "true");
  CHECK(at(body, "/format/properties/items/type") == R"("array")");
}

TEST_CASE("ollama_native: async_create with use_future, a tool call answered") {
  FakeProviderServer server;
  server.push(ollama_json_reply(ollama_tool_calls_body({{"Person", kPerson}})));
  auto future = native_client(server, Mode::tools).async_create<clienttest::Person>(person_request(), boost::asio::use_future);
  REQUIRE(future.wait_for(20s) == std::future_status::ready);
  auto person = future.get();
  REQUIRE_MESSAGE(person, person.error().to_text());
  CHECK(person->age() == 31);
}

TEST_CASE("ollama_native: JSON_SCHEMA and TOOLS send the grammar's subset, what it cannot enforce in words") {
  const std::string inventory = R"({"stock": {"apple": 3}, "note": "n", "owner": {"name": "Ann", "age": 31}, "tags": ["a"]})";
  for (Mode mode : {Mode::json_schema, Mode::tools}) {
    CAPTURE(mode_name(mode));
    FakeProviderServer server;
    server.push(mode == Mode::tools ? ollama_json_reply(ollama_tool_calls_body({{"Inventory", inventory}}))
                                    : ollama_json_reply(ollama_content_body(inventory)));
    auto result = native_client(server, mode).create<clienttest::Inventory>(person_request());
    REQUIRE_MESSAGE(result, result.error().to_text());
    CHECK(result->tags_size() == 1);
    auto body = body_of(request_at(server, 0));
    const std::string schema = mode == Mode::json_schema ? "/format" : "/tools/0/function/parameters";
    CHECK(at(body, (schema + "/properties/tags/uniqueItems").c_str()) == "<missing>");
    CHECK(at(body, (schema + "/properties/tags/maxItems").c_str()) == "5");
    CHECK(at(body, (schema + "/properties/tags/description").c_str()) == R"("Items must be unique.")");
    CHECK(at(body, (schema + "/properties/note/maxLength").c_str()) == "40");
  }
}
