// Every real recording of a provider the client speaks to in
// ../shared/fixtures (openai/, openai-compatible/, ollama/'s /v1,
// anthropic/) replayed through the whole client: the recorded response
// served by the fake server, the typed result or the typed error checked.
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

// ---- Anthropic (the base URL has no /v1: the adapter adds /v1/messages) ----------

TEST_CASE("anthropic forced tool \"json\", whole and streamed: the tool input becomes the message, usage counted") {
  {
    FakeProviderServer server;
    server.push(ScriptedResponse::json(200, read_file(fixture("anthropic/anthropic-json-tool.1.json"))));
    auto result = client_in("anthropic/claude-haiku-4-5", Mode::tools, server, "").create<clienttest::JsonElements>(ask());
    REQUIRE_MESSAGE(result, result.error().to_text());
    REQUIRE(result->elements_size() == 4);
    CHECK(result->elements(3).location() == "Berlin");
    CHECK(result->elements(3).temperature() == -9);
    CHECK(result.usage().input_tokens == 1151);
    CHECK(result.usage().output_tokens == 87);
    auto body = body_of(request_at(server, 0));
    CHECK(at(body, "/tool_choice") == R"({"type":"tool","name":"json"})");
    CHECK(request_at(server, 0).target == "/v1/messages");
  }
  for (std::size_t piece : {1, 37}) {
    CAPTURE(piece);
    FakeProviderServer server;
    serve_stream(server, "anthropic/anthropic-json-tool.1.chunks.txt", piece);
    auto result = client_in("anthropic/claude-haiku-4-5", Mode::tools, server, "")
                      .create_partial<clienttest::JsonElements>(ask(), [](const auto&, const auto&) {});
    REQUIRE_MESSAGE(result, result.error().to_text());
    REQUIRE(result->elements_size() == 1);
    CHECK(result->elements(0).condition() == "sunny");
    CHECK(result.usage().input_tokens == 849);
    CHECK(result.usage().output_tokens == 47);
  }
}

TEST_CASE("anthropic stream with pings between every event, after the block too: the tool input is read") {
  FakeProviderServer server;
  serve_stream(server, "anthropic/anthropic-json-other-tool.1.chunks.txt", 5);
  auto result = client_in("anthropic/claude-haiku-4-5", Mode::tools, server, "")
                    .create_partial<clienttest::WeatherLocation>(ask(), [](const auto&, const auto&) {});
  REQUIRE_MESSAGE(result, result.error().to_text());
  CHECK(result->location() == "San Francisco");
  CHECK(result.usage().output_tokens == 28);
}

TEST_CASE("anthropic tool without arguments after a text block: its input is {}") {
  FakeProviderServer server;
  serve_stream(server, "anthropic/anthropic-tool-no-args.chunks.txt");
  auto result = client_in("anthropic/claude-sonnet-4-5", Mode::tools, server, "")
                    .create_partial<clienttest::UpdateIssueList>(ask(), [](const auto&, const auto&) {});
  REQUIRE_MESSAGE(result, result.error().to_text());
  CHECK(result.attempts().at(0).answer == "{}");
  CHECK(result.usage().output_tokens == 48);
}

TEST_CASE("anthropic structured output as text, whole and streamed: a recipe, and characters as they arrive") {
  {
    FakeProviderServer server;
    server.push(ScriptedResponse::json(200, read_file(fixture("anthropic/anthropic-json-output-format.1.json"))));
    auto result = client_in("anthropic/claude-sonnet-4-5", Mode::json_schema, server, "").create<clienttest::RecipeAnswer>(ask());
    REQUIRE_MESSAGE(result, result.error().to_text());
    CHECK(result->recipe().name() == "Classic Lasagna");
    CHECK(result->recipe().ingredients_size() == 18);
    CHECK(result.usage().output_tokens == 629);
  }
  {
    FakeProviderServer server;
    serve_stream(server, "anthropic/anthropic-json-output-format.1.chunks.txt", 23);
    int partials = 0;
    auto result = client_in("anthropic/claude-sonnet-4-5", Mode::json_schema, server, "")
                      .create_partial<clienttest::GameCharacters>(ask(), [&](const auto&, const auto&) { ++partials; });
    REQUIRE_MESSAGE(result, result.error().to_text());
    REQUIRE(result->characters_size() == 3);
    CHECK(result->characters(1).name() == "Lyra Starweaver");
    CHECK(result->characters(1).class_() == "mage");
    CHECK(partials > 10);
    CHECK(result.usage().output_tokens == 305);
  }
}

TEST_CASE("anthropic raw event lines: padded data, server tool blocks skipped, the client tool_use at index 4 read") {
  for (std::size_t piece : {1, 64}) {
    CAPTURE(piece);
    FakeProviderServer server;
    serve_stream(server, "anthropic/messages_stream_raw_event_lines.sse", piece);
    auto result = client_in("anthropic/claude-sonnet-4-6", Mode::tools, server, "")
                      .create_partial<clienttest::GetExchangeRate>(ask(), [](const auto&, const auto&) {});
    REQUIRE_MESSAGE(result, result.error().to_text());
    CHECK(result->from_currency() == "USD");
    CHECK(result->to_currency() == "EUR");
    CHECK(result.usage().input_tokens == 1591);
    CHECK(result.usage().output_tokens == 175);
  }
}

TEST_CASE("anthropic output_config json_schema: the recorded text becomes the message") {
  FakeProviderServer server;
  serve_exchange(server, "anthropic/output_config_json_schema.exchange.json", 0);
  auto result = client_in("anthropic/claude-sonnet-4-5", Mode::json_schema, server, "").create<clienttest::CityPopulation>(ask());
  REQUIRE_MESSAGE(result, result.error().to_text());
  CHECK(result->city() == "London");
  CHECK(result->population() == 9002488);
  CHECK(result.usage().input_tokens == 196);
  auto body = body_of(request_at(server, 0));
  CHECK(at(body, "/output_config/format/type") == R"("json_schema")");
  CHECK(at(body, "/output_config/format/schema/additionalProperties") == "false");
}

TEST_CASE("anthropic output_config whose first recorded turn is a tool call instead: re-asked, then the text") {
  FakeProviderServer server;
  serve_exchange(server, "anthropic/output_config_with_strict_tool_roundtrip.exchange.json", 0);
  serve_exchange(server, "anthropic/output_config_with_strict_tool_roundtrip.exchange.json", 1);
  auto result =
      client_in("anthropic/claude-sonnet-4-5", Mode::json_schema, server, "").create<clienttest::CityPopulation>(ask(1));
  REQUIRE_MESSAGE(result, result.error().to_text());
  CHECK(result->city() == "Paris");
  CHECK(result->population() == 2161000);
  REQUIRE(result.attempts().size() == 2);
  CHECK(result.attempts()[0].finish_reason == FinishReason::tool_calls);
  CHECK(result.usage().input_tokens == 744 + 811);
  auto second = body_of(request_at(server, 1));
  CHECK(at(second, "/messages/1/content/0/id") == R"("toolu_01PPTvKs3rE6VohQPGEwqsTZ")");
  CHECK(at(second, "/messages/2/content/0/tool_use_id") == R"("toolu_01PPTvKs3rE6VohQPGEwqsTZ")");
}

TEST_CASE("anthropic forced named tool and tool_choice any: the recorded calls become the messages") {
  {
    FakeProviderServer server;
    serve_exchange(server, "anthropic/tool_choice_named_tool.exchange.json", 0);
    auto result = client_in("anthropic/claude-sonnet-4-5", Mode::tools, server, "").create<clienttest::GetWeather>(ask());
    REQUIRE_MESSAGE(result, result.error().to_text());
    CHECK(result->city() == "Paris");
    CHECK(at(body_of(request_at(server, 0)), "/tool_choice") == R"({"type":"tool","name":"get_weather"})");
  }
  {
    FakeProviderServer server;
    serve_exchange(server, "anthropic/tool_choice_any.exchange.json", 0);
    auto result = client_in("anthropic/claude-sonnet-4-5", Mode::parallel_tools, server, "")
                      .create_parallel<clienttest::GetWeather>(ask());
    REQUIRE_MESSAGE(result, result.error().to_text());
    REQUIRE(result->size() == 1);
    CHECK(std::get<clienttest::GetWeather>((*result)[0]).city() == "Paris");
    CHECK(at(body_of(request_at(server, 0)), "/tool_choice") == R"({"type":"any"})");
  }
}
