// Every real recording of the Anthropic Messages API in
// ../shared/fixtures/anthropic replayed through the whole client: the
// recorded response served by the fake server, the typed result or the typed
// error checked. The base URL has no /v1: the adapter adds /v1/messages.
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
                 std::string_view path) {
  ClientOptions options = options_for(server, path);
  options.mode = mode;
  return from_provider(provider_and_model, options);
}

void serve_exchange(FakeProviderServer& server, std::string_view file, std::size_t n) {
  auto exchanges = load_exchanges(fixture(file));
  REQUIRE(exchanges.size() > n);
  server.push(exchanges[n].response);
}

void serve_stream(FakeProviderServer& server, std::string_view file, std::size_t piece = 37) {
  server.push(replay_stream(fixture(file), piece));
}

}  // namespace

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
