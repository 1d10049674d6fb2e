// Every real recording of the Gemini API in ../shared/fixtures/gemini
// replayed through the whole client: the recorded response served by the
// fake server, the typed result or the typed error checked. The base URL is
// the host: the adapter adds /v1beta/models/{model}:method.
#include <doctest/doctest.h>

#include "client_harness.h"
#include "clienttest/conformance.instructor.h"
#include "fixture_paths.h"
#include "fixture_replay.h"

using namespace instructor;
using namespace instructor::testing;

namespace {

std::filesystem::path fixture(std::string_view relative) { return shared_fixtures_dir() / "gemini" / relative; }

Request ask(int max_retries = 0) { return Request{.messages = {user("Replay")}, .max_retries = max_retries}; }

Client gemini_in(std::string_view model, Mode mode, const FakeProviderServer& server) {
  ClientOptions options = options_for(server, "");
  options.mode = mode;
  return from_provider("google/" + std::string(model), options);
}

void serve_exchange(FakeProviderServer& server, std::string_view file, std::size_t n = 0) {
  auto exchanges = load_exchanges(fixture(file));
  REQUIRE(exchanges.size() > n);
  server.push(exchanges[n].response);
}

void serve_stream(FakeProviderServer& server, std::string_view file, std::size_t piece = 37) {
  server.push(replay_stream(fixture(file), piece));
}

}  // namespace

TEST_CASE("gemini function call with a thought signature, whole and streamed: the args become the message") {
  {
    FakeProviderServer server;
    server.push(ScriptedResponse::json(200, read_file(fixture("google-tool-call.json"))));
    auto result = gemini_in("gemini-3-pro-preview", Mode::tools, server).create<clienttest::WeatherLocation>(ask());
    REQUIRE_MESSAGE(result, result.error().to_text());
    CHECK(result->location() == "San Francisco");
    CHECK(result.usage().input_tokens == 29);
    CHECK(result.usage().output_tokens == 15 + 893);
    CHECK(result.usage().reasoning_tokens == 893);
    CHECK(result.usage().total_tokens == 937);
  }
  for (std::size_t piece : {1, 64}) {
    CAPTURE(piece);
    FakeProviderServer server;
    serve_stream(server, "google-tool-call.chunks.txt", piece);
    auto result = gemini_in("gemini-3-pro-preview", Mode::tools, server)
                      .create_partial<clienttest::WeatherLocation>(ask(), [](const auto&, const auto&) {});
    REQUIRE_MESSAGE(result, result.error().to_text());
    CHECK(result->location() == "San Francisco");
    CHECK(result.usage().total_tokens == 89);
    CHECK(request_at(server, 0).target == "/v1beta/models/gemini-3-pro-preview:streamGenerateContent?alt=sse");
  }
}

TEST_CASE("gemini streamed prose in JSON mode: not JSON, re-asked with the recorded thought signature echoed") {
  FakeProviderServer server;
  serve_stream(server, "google-text.chunks.txt");
  serve_stream(server, "google-text.chunks.txt");
  auto result = gemini_in("gemini-3-pro-preview", Mode::json, server)
                    .create_partial<clienttest::CityCountry>(ask(1), [](const auto&, const auto&) {});
  REQUIRE(!result);
  CHECK(result.error().kind() == ErrorKind::retries_exhausted);
  CHECK(result.error().attempts().at(0).answer.find("There are **3**") == 0);
  auto second = body_of(request_at(server, 1));
  CHECK(at(second, "/contents/1/role") == R"("model")");
  CHECK(at(second, "/contents/1/parts/0/thoughtSignature").find("\"EqsFCqgFAb4+9vvtAF5n87lB4OG") == 0);
}

TEST_CASE("gemini 429 RESOURCE_EXHAUSTED whose RetryInfo asks for 34.4 s: past max_retry_after, so rate_limited at once") {
  FakeProviderServer server;
  server.push(ScriptedResponse::json(429, read_file(fixture("google-429-retry-info.json"))));
  ClientOptions options = options_for(server, "");
  options.mode = Mode::tools;
  options.http.retry.max_retry_after = 1s;
  std::vector<http::AttemptInfo> attempts;
  options.http.retry.on_attempt = [&](const http::AttemptInfo& info) { attempts.push_back(info); };
  auto result = from_provider("google/gemini-2.5-flash", options).create<clienttest::CityCountry>(ask());
  REQUIRE(!result);
  CHECK(result.error().kind() == ErrorKind::rate_limited);
  CHECK(result.error().provider_code() == "RESOURCE_EXHAUSTED");
  CHECK(result.error().message().find("You exceeded your current quota") != std::string::npos);
  CHECK(server.requests().size() == 1);
  REQUIRE(attempts.size() == 1);
  CHECK(attempts[0].reason.find("the server asked to wait 34400 ms") != std::string::npos);
}

TEST_CASE("gemini JSON_SCHEMA whose first streamed turn is a function call: answered with its id, then the JSON") {
  FakeProviderServer server;
  serve_stream(server, "stream_function_call_then_schema_1.sse");
  serve_stream(server, "stream_function_call_then_schema_2.sse");
  auto result = gemini_in("gemini-3-flash-preview", Mode::json_schema, server)
                    .create_partial<clienttest::CityCountry>(ask(1), [](const auto&, const auto&) {});
  REQUIRE_MESSAGE(result, result.error().to_text());
  CHECK(result->city() == "Mexico City");
  CHECK(result->country() == "Mexico");
  REQUIRE(result.attempts().size() == 2);
  CHECK(result.attempts()[0].error == "the model wrote no answer");
  CHECK(result.usage().total_tokens == 110 + 179);  // the last running total of each stream
  auto second = body_of(request_at(server, 1));
  CHECK(at(second, "/contents/1/parts/0/functionCall") == R"({"id":"96c1su3s","name":"get_user_country","args":{}})");
  CHECK(at(second, "/contents/1/parts/0/thoughtSignature").find("\"EpIDCo8DAQw51scL") == 0);
  CHECK(at(second, "/contents/2/parts/0/functionResponse/id") == R"("96c1su3s")");
  CHECK(at(second, "/contents/2/parts/0/functionResponse/name") == R"("get_user_country")");
}

TEST_CASE("gemini responseJsonSchema and the older responseSchema recordings: the pretty-printed text becomes the message") {
  {
    FakeProviderServer server;
    serve_exchange(server, "response_json_schema.exchange.json");
    auto result = gemini_in("gemini-2.0-flash", Mode::json_schema, server).create<clienttest::CityCountry>(ask());
    REQUIRE_MESSAGE(result, result.error().to_text());
    CHECK(result->city() == "Mexico City");
    CHECK(result.usage().total_tokens == 28);
  }
  {
    FakeProviderServer server;
    serve_exchange(server, "response_schema_openapi_subset.exchange.json");
    auto result = gemini_in("gemini-2.0-flash", Mode::json_schema, server).create<clienttest::TaggedResult>(ask());
    REQUIRE_MESSAGE(result, result.error().to_text());
    CHECK(result->result().kind() == "CountryLanguage");
    CHECK(result->result().data().language() == "Spanish");
  }
}

TEST_CASE("gemini functionCallingConfig ANY with allowed names: the recorded call without an id becomes the message") {
  FakeProviderServer server;
  serve_exchange(server, "function_calling_mode_any_allowed_names.exchange.json");
  auto result = gemini_in("gemini-2.0-flash", Mode::tools, server).create<clienttest::GetTemperature>(ask());
  REQUIRE_MESSAGE(result, result.error().to_text());
  CHECK(result->city() == "London");
  CHECK(result->date() == "2022-01-01");
  CHECK(at(body_of(request_at(server, 0)), "/toolConfig/functionCallingConfig/allowedFunctionNames") == R"(["temperature"])");
}

TEST_CASE("gemini MAX_TOKENS, with truncated text and with no parts at all: truncated, never re-asked") {
  for (std::string_view file : {"max_tokens_truncated.exchange.json", "max_tokens_no_parts.exchange.json"}) {
    CAPTURE(file);
    FakeProviderServer server;
    serve_exchange(server, file);
    auto result = gemini_in("gemini-2.5-flash", Mode::json, server).create<clienttest::CityCountry>(ask(2));
    REQUIRE(!result);
    CHECK(result.error().kind() == ErrorKind::truncated);
    CHECK(result.error().attempts().at(0).finish_reason_raw == "MAX_TOKENS");
    CHECK(server.requests().size() == 1);
  }
}

TEST_CASE("gemini Vertex-only streamed call arguments (partialArgs): a clear error, not a wrong message") {
  FakeProviderServer server;
  serve_stream(server, "google-stream-tool-call-arguments.chunks.txt");
  auto result = gemini_in("gemini-3.1-pro-preview", Mode::tools, server)
                    .create_partial<clienttest::WeatherLocation>(ask(), [](const auto&, const auto&) {});
  REQUIRE(!result);
  CHECK(result.error().kind() == ErrorKind::provider_error);
  CHECK(result.error().message().find("streamFunctionCallArguments") != std::string::npos);
}
