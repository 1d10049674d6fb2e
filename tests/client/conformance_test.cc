// Every real recording of an OpenAI-wire provider in ../shared/fixtures
// (openai/, openai-compatible/, ollama/'s /v1), and of Cohere's v2 chat, replayed through the whole
// client: the recorded response served by the fake server, the typed result
// or the typed error checked. Anthropic's and Gemini's recordings have their
// own files.
#include <doctest/doctest.h>

#include "client_harness.h"
#include "clienttest/conformance.instructor.h"
#include "fixture_paths.h"
#include "fixture_replay.h"

using namespace instructor;
using namespace instructor::testing;

namespace {

std::filesystem::path fixture(std::string_view relative) { return shared_fixtures_dir() / relative; }

Request ask(int max_retries = 0) { return Request{.messages = {user("Replay")}, .max_retries = max_retries}; }

Client client_in(std::string_view provider_and_model, Mode mode, const FakeProviderServer& server,
                 std::string_view path = "/v1") {
  ClientOptions options = options_for(server, path);
  options.mode = mode;
  return from_provider(provider_and_model, options);
}

// Serves the `n`-th interaction of an .exchange.json file.
void serve_exchange(FakeProviderServer& server, std::string_view file, std::size_t n) {
  auto exchanges = load_exchanges(fixture(file));
  REQUIRE(exchanges.size() > n);
  server.push(exchanges[n].response);
}

// Serves a recorded stream in small pieces.
void serve_stream(FakeProviderServer& server, std::string_view file, std::size_t piece = 37) {
  server.push(replay_stream(fixture(file), piece));
}

}  // namespace

TEST_CASE("openai json_object: the recorded content becomes the message, reasoning tokens counted") {
  FakeProviderServer server;
  serve_exchange(server, "openai/chat_json_object.exchange.json", 0);
  auto result = client_in("openai/gpt-5-nano", Mode::json, server).create<clienttest::PersonCity>(ask());
  REQUIRE_MESSAGE(result, result.error().to_text());
  CHECK(result->name() == "Alex Smith");
  CHECK(result->age() == 29);
  CHECK(result->city() == "San Francisco");
  CHECK(result.usage().output_tokens == 280);
  CHECK(result.usage().reasoning_tokens == 256);
  CHECK(result.usage().total_tokens == 301);
}

TEST_CASE("openai json_schema after a tool call: the second recorded turn's content becomes the message") {
  FakeProviderServer server;
  serve_exchange(server, "openai/chat_json_schema_after_tool_call.exchange.json", 1);
  auto result = client_in("openai/gpt-4o", Mode::json_schema, server).create<clienttest::CityCountry>(ask());
  REQUIRE_MESSAGE(result, result.error().to_text());
  CHECK(result->city() == "Mexico City");
  CHECK(result->country() == "Mexico");
  CHECK(result.usage().total_tokens == 107);
}

TEST_CASE("openai json_schema whose first recorded turn is a tool call instead: no answer, re-asked") {
  FakeProviderServer server;
  serve_exchange(server, "openai/chat_json_schema_after_tool_call.exchange.json", 0);
  serve_exchange(server, "openai/chat_json_schema_after_tool_call.exchange.json", 1);
  auto result = client_in("openai/gpt-4o", Mode::json_schema, server).create<clienttest::CityCountry>(ask(1));
  REQUIRE_MESSAGE(result, result.error().to_text());
  CHECK(result->city() == "Mexico City");
  REQUIRE(result.attempts().size() == 2);
  CHECK(result.attempts()[0].error == "the model wrote no answer");
  CHECK(result.attempts()[0].finish_reason == FinishReason::tool_calls);
  CHECK(result.usage().total_tokens == 107 + result.attempts()[0].usage.total_tokens);
}

TEST_CASE("openai forced named function: the recorded tool call becomes the message") {
  FakeProviderServer server;
  serve_exchange(server, "openai/chat_tool_choice_named_function.exchange.json", 0);
  auto result = client_in("openai/gpt-5-mini", Mode::tools_strict, server).create<clienttest::GetWeather>(ask());
  REQUIRE_MESSAGE(result, result.error().to_text());
  CHECK(result->city() == "Paris");
  CHECK(at(body_of(request_at(server, 0)), "/tools/0/function/name") == R"("get_weather")");
}

TEST_CASE("openai streamed tool call in fragments with a usage chunk: the message and the usage") {
  for (std::size_t piece : {1, 7, 64}) {
    CAPTURE(piece);
    FakeProviderServer server;
    serve_stream(server, "openai/chat_stream_tool_call_single.sse", piece);
    int partials = 0;
    auto result = client_in("openai/gpt-4o-mini", Mode::tools, server)
                      .create_partial<clienttest::GetCapital>(ask(), [&](const auto&, const auto&) { ++partials; });
    REQUIRE_MESSAGE(result, result.error().to_text());
    CHECK(result->country() == "UK");
    CHECK(partials >= 2);
    CHECK(result.usage().total_tokens > 0);
  }
}

TEST_CASE("openai streamed parallel tool calls: both calls, in order") {
  FakeProviderServer server;
  serve_stream(server, "openai/chat_stream_parallel_tool_calls.sse");
  Request request = ask();
  request.stream = true;
  auto result = client_in("openai/gpt-4o", Mode::parallel_tools, server)
                    .create_parallel<clienttest::GetCountry, clienttest::GetProductName>(request);
  REQUIRE_MESSAGE(result, result.error().to_text());
  REQUIRE(result->size() == 2);
  CHECK(std::holds_alternative<clienttest::GetCountry>((*result)[0]));
  CHECK(std::holds_alternative<clienttest::GetProductName>((*result)[1]));
  CHECK(result.usage().total_tokens == 404);
}

TEST_CASE("openai stream cut by the token limit: truncated, with the reasoning usage") {
  FakeProviderServer server;
  serve_stream(server, "openai/chat_stream_length_with_usage.sse");
  auto result = client_in("openai/gpt-5-nano", Mode::json, server)
                    .create_partial<clienttest::CityCountry>(ask(2), [](const auto&, const auto&) {});
  REQUIRE(!result);
  CHECK(result.error().kind() == ErrorKind::truncated);
  CHECK(result.usage().reasoning_tokens == 100);
  CHECK(server.requests().size() == 1);
}

TEST_CASE("openai plain text answers, whole and streamed without usage: not JSON, retries exhausted") {
  FakeProviderServer server;
  serve_stream(server, "openai/chat_stream_text_without_usage.sse");
  auto streamed = client_in("openai/gpt-5-nano", Mode::json, server)
                      .create_partial<clienttest::CityCountry>(ask(), [](const auto&, const auto&) {});
  REQUIRE(!streamed);
  CHECK(streamed.error().kind() == ErrorKind::retries_exhausted);
  CHECK(streamed.error().attempts().at(0).parse_error.has_value());
  CHECK(streamed.usage().empty());

  FakeProviderServer azure;
  serve_exchange(azure, "openai/azure_chat_deployment_url.exchange.json", 0);
  auto whole = client_in("azure_openai/gpt-5-nano", Mode::json, azure, "").create<clienttest::CityCountry>(ask());
  REQUIRE(!whole);
  CHECK(whole.error().kind() == ErrorKind::retries_exhausted);
  CHECK(whole.error().attempts().at(0).answer.find("Hi there!") == 0);
  CHECK(request_at(azure, 0).target == "/openai/deployments/gpt-5-nano/chat/completions?api-version=2024-10-21");
}

TEST_CASE("azure stream whose first chunk holds only filter results: the text is read, the usage found") {
  FakeProviderServer server;
  serve_stream(server, "openai/azure_chat_stream.chunks.txt");
  auto result = client_in("azure_openai/gpt-5-nano", Mode::json, server, "")
                    .create_partial<clienttest::CityCountry>(ask(), [](const auto&, const auto&) {});
  REQUIRE(!result);
  CHECK(result.error().kind() == ErrorKind::retries_exhausted);
  CHECK(result.error().attempts().at(0).answer == "Capital of Denmark.");
  CHECK(result.usage().total_tokens == 93);
}

TEST_CASE("openai error envelopes: 400 unsupported parameter, 404 model not found, 429 insufficient quota") {
  {
    FakeProviderServer server;
    serve_exchange(server, "openai/error_400_unsupported_parameter.exchange.json", 0);
    auto result = client_in("openai/gpt-5-nano", Mode::tools, server).create<clienttest::CityCountry>(ask());
    REQUIRE(!result);
    CHECK(result.error().kind() == ErrorKind::bad_request);
    CHECK(result.error().provider_code() == "unsupported_parameter");
  }
  {
    FakeProviderServer server;
    serve_exchange(server, "openai/error_404_model_not_found.exchange.json", 0);
    auto result = client_in("openai/gpt-4.1-nano-wrong", Mode::tools, server).create<clienttest::CityCountry>(ask());
    REQUIRE(!result);
    CHECK(result.error().kind() == ErrorKind::not_found);
    CHECK(result.error().message().find("does not exist") != std::string::npos);
  }
  {
    FakeProviderServer server;
    server.push(ScriptedResponse::json(429, read_file(fixture("openai/error_429_insufficient_quota.json"))));
    auto result = client_in("openai/gpt-4o", Mode::tools, server).create<clienttest::CityCountry>(ask());
    REQUIRE(!result);
    CHECK(result.error().kind() == ErrorKind::rate_limited);
    CHECK(result.error().provider_code() == "insufficient_quota");
    CHECK(server.requests().size() == 1);
  }
}

TEST_CASE("openrouter: an upstream 429 retried by the transport then reported, and a stream with comments and an in-band error") {
  {
    FakeProviderServer server;
    for (int i = 0; i < 3; ++i) serve_exchange(server, "openai-compatible/openrouter_429_upstream.exchange.json", 0);
    auto result = client_in("openrouter/google/gemini-2.0-flash-exp:free", Mode::tools, server)
                      .create<clienttest::CityCountry>(ask());
    REQUIRE(!result);
    CHECK(result.error().kind() == ErrorKind::rate_limited);
    CHECK(result.error().provider_code() == "429");
    CHECK(server.requests().size() == 3);
  }
  {
    FakeProviderServer server;
    serve_stream(server, "openai-compatible/openrouter_stream_comments_and_midstream_error.sse");
    auto result = client_in("openrouter/minimax/minimax-m2:free", Mode::json, server)
                      .create_partial<clienttest::CityCountry>(ask(), [](const auto&, const auto&) {});
    REQUIRE(!result);
    CHECK(result.error().kind() == ErrorKind::provider_error);
    CHECK(result.error().message() == "OpenRouter reported an error: Token limit reached");
    CHECK(result.usage().extra_value("cost") == 0);
    CHECK(result.usage().total_tokens == 53);
  }
}

TEST_CASE("groq and mistral recorded tool-call streams: whole calls, usage in x_groq and on the last chunk") {
  {
    FakeProviderServer server;
    serve_stream(server, "openai-compatible/groq-tool-call.chunks.txt");
    auto result = client_in("groq/llama-3.3-70b-versatile", Mode::tools, server)
                      .create_partial<clienttest::WeatherLocation>(ask(), [](const auto&, const auto&) {});
    REQUIRE_MESSAGE(result, result.error().to_text());
    CHECK(!result->has_location());
    CHECK(result.usage().total_tokens == 225);
    CHECK(result.usage().extra_value("queue_time") > 0);
  }
  {
    FakeProviderServer server;
    serve_stream(server, "openai-compatible/mistral-tool-call.chunks.txt");
    auto result = client_in("mistral/mistral-small-latest", Mode::tools, server)
                      .create_partial<clienttest::WeatherLocation>(ask(), [](const auto&, const auto&) {});
    REQUIRE_MESSAGE(result, result.error().to_text());
    CHECK(result->location() == "San Francisco");
    CHECK(result.usage().total_tokens == 146);
  }
}

TEST_CASE("deepseek's recorded JSON answer with reasoning_content and cache-hit usage") {
  FakeProviderServer server;
  server.push(ScriptedResponse::json(200, read_file(fixture("openai-compatible/deepseek-json.json"))));
  auto result = client_in("deepseek/deepseek-reasoner", Mode::json, server).create<clienttest::WeatherReport>(ask());
  REQUIRE_MESSAGE(result, result.error().to_text());
  CHECK(result->location() == "San Francisco");
  CHECK(result->condition() == "cloudy");
  CHECK(result->temperature() == 7);
  CHECK(result.usage().cached_input_tokens == 320);
}

TEST_CASE("ollama's /v1: json_schema content next to a reasoning field, and a tool call after a plain answer") {
  {
    FakeProviderServer server;
    serve_exchange(server, "ollama/openai_compat_json_schema_local.exchange.json", 0);
    ClientOptions options = options_for(server);
    options.api_key.clear();
    auto result = from_provider("ollama/qwen3", options).create<clienttest::CityCountry>(ask());
    REQUIRE_MESSAGE(result, result.error().to_text());
    CHECK(result->city() == "Paris");
    CHECK(result->country() == "France");
  }
  {
    FakeProviderServer server;
    serve_exchange(server, "ollama/openai_compat_tool_call_cloud.exchange.json", 0);
    serve_exchange(server, "ollama/openai_compat_tool_call_cloud.exchange.json", 1);
    auto result = client_in("ollama/gpt-oss:20b", Mode::tools, server).create<clienttest::CityCountry>(ask(1));
    REQUIRE_MESSAGE(result, result.error().to_text());
    CHECK(result->city() == "Paris");
    REQUIRE(result.attempts().size() == 2);
    CHECK(result.attempts()[0].answer == "Paris.");
    auto second = body_of(request_at(server, 1));
    CHECK(at(second, "/messages/2") == R"({"role":"assistant","content":"Paris."})");
    CHECK(at(second, "/messages/3/role") == R"("user")");
  }
}

TEST_CASE("cohere v2 stream: tool-plan deltas skipped, two tool calls by index, usage from message-end") {
  for (std::size_t piece : {1, 37, 4096}) {
    CAPTURE(piece);
    FakeProviderServer server;
    serve_stream(server, "openai-compatible/cohere-tool-call.chunks.txt", piece);
    Request request = ask();
    request.stream = true;
    auto result = client_in("cohere/command-r-plus", Mode::parallel_tools, server, "")
                      .create_parallel<clienttest::CohereWeather, clienttest::CohereCityAttractions>(request);
    REQUIRE_MESSAGE(result, result.error().to_text());
    REQUIRE(result->size() == 2);
    CHECK(std::get<clienttest::CohereWeather>((*result)[0]).location() == "San Francisco");
    CHECK(std::get<clienttest::CohereCityAttractions>((*result)[1]).city() == "San Francisco");
    CHECK(result.usage().input_tokens == 1549);
    CHECK(result.usage().output_tokens == 95);
    CHECK(result.usage().cached_input_tokens == 1504);
    CHECK(result.usage().extra_value("billed_input_tokens") == 119);
    CHECK(result.usage().extra_value("billed_output_tokens") == 44);
    CHECK(result.attempts().at(0).finish_reason == FinishReason::tool_calls);
    CHECK(request_at(server, 0).target == "/v2/chat");
  }
}

TEST_CASE("openai Responses API json_schema after a tool call: the second recorded turn's output_text becomes the message") {
  FakeProviderServer server;
  serve_exchange(server, "openai/responses_json_schema_after_tool_call.exchange.json", 0);
  serve_exchange(server, "openai/responses_json_schema_after_tool_call.exchange.json", 1);
  auto result =
      client_in("openai/gpt-4o", Mode::responses_json_schema, server).create<clienttest::CityCountry>(ask(1));
  REQUIRE_MESSAGE(result, result.error().to_text());
  CHECK(result->city() == "Mexico City");
  CHECK(result->country() == "Mexico");
  REQUIRE(result.attempts().size() == 2);
  CHECK(result.attempts()[0].error == "the model wrote no answer");
  CHECK(result.attempts()[0].finish_reason == FinishReason::tool_calls);
  CHECK(result.usage().total_tokens == 78 + 105);
  CHECK(result.usage().input_tokens == 66 + 89);
  // Our request has the recorded request's shape: text.format with a strict schema, no Chat Completions fields.
  auto recorded = load_exchanges(fixture("openai/responses_json_schema_after_tool_call.exchange.json"));
  rapidjson::Document theirs;
  theirs.Parse(recorded[0].request_body.c_str());
  auto ours = body_of(request_at(server, 0));
  CHECK(request_at(server, 0).target == "/v1/responses");
  for (const char* pointer : {"/text/format/type", "/text/format/strict", "/text/format/schema/type",
                              "/text/format/schema/additionalProperties", "/text/format/schema/required", "/input/0/role"}) {
    CAPTURE(pointer);
    CHECK(at(ours, pointer) == at(theirs, pointer));
  }
}

TEST_CASE("openai Responses API recorded stream: function-call argument deltas, the usage of response.completed") {
  for (std::size_t piece : {1, 37, 4096}) {
    CAPTURE(piece);
    FakeProviderServer server;
    serve_stream(server, "openai/responses_stream_function_call.sse", piece);
    Request request = ask();
    request.stream = true;
    auto result = client_in("openai/gpt-4o", Mode::responses_tools, server).create<clienttest::GetCapital>(request);
    REQUIRE_MESSAGE(result, result.error().to_text());
    CHECK(result->country() == "France");
    CHECK(result.usage().input_tokens == 255);
    CHECK(result.usage().total_tokens == 271);
    CHECK(result.attempts().at(0).finish_reason == FinishReason::tool_calls);
    auto ours = body_of(request_at(server, 0));
    CHECK(at(ours, "/tools/0/type") == R"("function")");
    CHECK(at(ours, "/tools/0/strict") == "true");
    CHECK(at(ours, "/tools/0/parameters/required") == R"(["country"])");
  }
}

TEST_CASE("openai Responses API recorded failing stream: the nested error event is a provider_error, not retried") {
  FakeProviderServer server;
  serve_stream(server, "openai/responses_stream_error.chunks.txt");
  Request request = ask(2);
  request.stream = true;
  auto result = client_in("openai/gpt-5-nano", Mode::responses_tools, server).create<clienttest::CityCountry>(request);
  REQUIRE(!result);
  CHECK(result.error().kind() == ErrorKind::provider_error);
  CHECK(result.error().provider_code() == "insufficient_quota");
  CHECK(result.error().message().find("You exceeded your current quota") != std::string::npos);
  CHECK(server.requests().size() == 1);
}
