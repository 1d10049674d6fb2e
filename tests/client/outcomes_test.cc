// Every outcome that is not a re-ask: refusals, filters, truncation, HTTP
// failures, transport retries, the deadline, the token budget, streams cut
// short and errors inside a stream. Each is its own ErrorKind.
#include <doctest/doctest.h>

#include "client_harness.h"
#include "clienttest/models.instructor.h"

using namespace instructor;
using namespace instructor::testing;

namespace {

Request ask(int max_retries = 3) { return Request{.messages = {user("Extract: Ann, 31")}, .max_retries = max_retries}; }

Result<clienttest::Person> extract(FakeProviderServer& server, Request request = ask(),
                                   std::string_view provider = "openai/gpt-4o-mini") {
  return client_for(provider, server).create<clienttest::Person>(std::move(request));
}

}  // namespace

TEST_CASE("a refusal is its own error, never re-asked") {
  FakeProviderServer server;
  server.push(json_reply(chat_refusal_body("I can't help with that request.")));
  auto result = extract(server);
  REQUIRE(!result);
  CHECK(result.error().kind() == ErrorKind::refusal);
  CHECK(result.error().message() == "the model refused: I can't help with that request.");
  CHECK(result.error().attempts().at(0).refusal == "I can't help with that request.");
  CHECK(server.requests().size() == 1);
}

TEST_CASE("a content filter finish is its own error") {
  FakeProviderServer server;
  server.push(json_reply(chat_content_body("", "content_filter")));
  auto result = extract(server);
  REQUIRE(!result);
  CHECK(result.error().kind() == ErrorKind::content_filter);
  CHECK(server.requests().size() == 1);
}

TEST_CASE("an answer cut at the token limit is an error that carries the partial message") {
  FakeProviderServer server;
  server.push(json_reply(chat_tool_calls_body({{"Person", R"({"name": "Ann Lee", "ag)"}}, {40, 16}, "length")));
  auto result = extract(server);
  REQUIRE(!result);
  CHECK(result.error().kind() == ErrorKind::truncated);
  CHECK(result.error().message() == "the answer was cut at the token limit after 16 output tokens");
  const clienttest::Person* partial = result.error().partial<clienttest::Person>();
  REQUIRE(partial != nullptr);
  CHECK(partial->name() == "Ann Lee");
  CHECK(result.error().partial<clienttest::Weather>() == nullptr);
  CHECK(server.requests().size() == 1);
}

TEST_CASE("HTTP failures map to their kinds with the provider's message and code, never the key") {
  struct Case {
    int status;
    std::string type, code, message;
    ErrorKind kind;
  };
  const std::vector<Case> cases = {
      {401, "invalid_request_error", "invalid_api_key",
       "Incorrect API key provided: " + std::string(kTestKey) + ". You can find your API key at ...", ErrorKind::authentication},
      {403, "invalid_request_error", "unsupported_country_region_territory", "Country not supported.", ErrorKind::permission},
      {404, "invalid_request_error", "model_not_found", "The model `gpt-9` does not exist", ErrorKind::not_found},
      {400, "invalid_request_error", "unsupported_parameter", "Unsupported parameter: 'max_tokens'", ErrorKind::bad_request},
      {429, "insufficient_quota", "insufficient_quota", "You exceeded your current quota", ErrorKind::rate_limited},
  };
  for (const Case& c : cases) {
    CAPTURE(c.status);
    FakeProviderServer server;
    server.push(ScriptedResponse::json(c.status, openai_error_body(c.message, c.type, c.code)));
    auto result = extract(server);
    REQUIRE(!result);
    CHECK(result.error().kind() == c.kind);
    CHECK(result.error().http_status() == c.status);
    CHECK(result.error().provider_code() == c.code);
    CHECK(result.error().message().find("OpenAI answered HTTP " + std::to_string(c.status) + ": ") == 0);
    CHECK(result.error().to_text().find(kTestKey) == std::string::npos);
    CHECK(result.error().attempts().size() == 1);
    CHECK(server.requests().size() == 1);  // none of these is retried (insufficient_quota included)
  }
}

TEST_CASE("Azure's content filter on the prompt (400 content_filter) is a content_filter error") {
  FakeProviderServer server;
  server.push(ScriptedResponse::json(
      400, R"({"error":{"message":"The response was filtered due to the prompt triggering Azure OpenAI's content management policy.",)"
           R"("type":null,"param":"prompt","code":"content_filter","status":400,"innererror":{"code":"ResponsibleAIPolicyViolation"}}})"));
  ClientOptions options = options_for(server, "");
  auto result = from_provider("azure_openai/gpt-4o", options).create<clienttest::Person>(ask());
  REQUIRE(!result);
  CHECK(result.error().kind() == ErrorKind::content_filter);
}

TEST_CASE("a 429 with Retry-After is retried by the transport without using up max_retries") {
  FakeProviderServer server;
  ScriptedResponse limited = ScriptedResponse::json(429, openai_error_body("Rate limit reached", "requests", "rate_limit_exceeded"));
  limited.headers.push_back({"retry-after-ms", "20"});
  server.push(limited);
  server.push(json_reply(chat_tool_call_body("Person", R"({"name": "Ann", "age": 31})")));
  std::vector<TransportRetryEvent> retries;
  ClientOptions options = options_for(server);
  options.hooks.on_transport_retry = [&](const TransportRetryEvent& e) { retries.push_back(e); };
  auto result = from_provider("openai/gpt-4o-mini", options).create<clienttest::Person>(ask(0));
  REQUIRE_MESSAGE(result, result.error().to_text());
  REQUIRE(result.attempts().size() == 1);
  CHECK(result.attempts()[0].transport_attempts == 2);
  REQUIRE(retries.size() == 1);
  CHECK(retries[0].attempt == 1);
  CHECK(retries[0].status == 429);
  CHECK(retries[0].delay == 20ms);
  CHECK(server.requests().size() == 2);
}

TEST_CASE("5xx after every transport retry is a server_error, and an HTML error page is quoted, not parsed") {
  FakeProviderServer server;
  for (int i = 0; i < 3; ++i) server.push(ScriptedResponse::html_error(502));
  auto result = extract(server);
  REQUIRE(!result);
  CHECK(result.error().kind() == ErrorKind::server_error);
  CHECK(result.error().http_status() == 502);
  CHECK(result.error().message().find("OpenAI answered HTTP 502: <html>") == 0);
  CHECK(result.error().attempts().at(0).transport_attempts == 3);
  CHECK(server.requests().size() == 3);
}

TEST_CASE("a server that cannot be reached is a transport error") {
  std::string url;
  {
    FakeProviderServer gone;
    url = gone.url("/v1");
  }
  ClientOptions options;
  options.base_url = url;
  options.api_key = "k";
  options.http.proxy = http::ProxySettings{};
  options.http.retry.max_attempts = 1;
  auto result = from_provider("openai/gpt-4o-mini", options).create<clienttest::Person>(ask());
  REQUIRE(!result);
  CHECK(result.error().kind() == ErrorKind::transport);
  CHECK(result.error().attempts().at(0).http_status == 0);
}

TEST_CASE("the deadline covers the whole call: a stalled attempt ends at it") {
  FakeProviderServer server;
  ScriptedResponse stalled = json_reply(chat_tool_call_body("Person", R"({"name": "Ann", "age": 31})"));
  stalled.delay_before_headers = 3s;
  server.push(stalled);
  Request request = ask();
  request.timeout = 200ms;
  const auto start = std::chrono::steady_clock::now();
  auto result = extract(server, request);
  const auto took = std::chrono::steady_clock::now() - start;
  REQUIRE(!result);
  CHECK(result.error().kind() == ErrorKind::deadline_exceeded);
  CHECK(result.error().message() == "the call's timeout of 200 ms passed during attempt 1");
  CHECK(took < 2s);
}

TEST_CASE("the deadline covers every re-ask: slow invalid answers stop at it") {
  FakeProviderServer server;
  server.set_handler([](const RecordedRequest&) {
    ScriptedResponse slow = json_reply(chat_tool_call_body("Person", R"({"name": "", "age": 31})"));
    slow.delay_before_headers = 120ms;
    return slow;
  });
  Request request = ask(50);
  request.timeout = 500ms;
  auto result = extract(server, request);
  REQUIRE(!result);
  CHECK(result.error().kind() == ErrorKind::deadline_exceeded);
  CHECK(result.error().attempts().size() >= 2);
  CHECK(result.error().attempts().size() <= 5);
}

TEST_CASE("the token budget stops re-asks once the attempts used it up") {
  FakeProviderServer server;
  server.set_handler([](const RecordedRequest&) {
    return json_reply(chat_tool_call_body("Person", R"({"name": "", "age": 31})", {80, 20}));
  });
  Request request = ask(10);
  request.token_budget = 250;
  auto result = extract(server, request);
  REQUIRE(!result);
  CHECK(result.error().kind() == ErrorKind::token_budget_exceeded);
  CHECK(result.error().message() == "the token budget of 250 is used up (300 tokens) with no valid answer");
  CHECK(server.requests().size() == 3);
  CHECK(result.usage().total_tokens == 300);
}

TEST_CASE("a stream cut mid-way is streamed again while attempts remain, else a transport error") {
  const std::string stream = chat_tool_call_stream("Person", R"({"name": "Ann", "age": 31})", 6);
  ScriptedResponse cut = sse_reply(stream.substr(0, stream.size() / 2), 32);
  cut.close_mid_body = true;

  FakeProviderServer server;
  server.push(cut);
  server.push(sse_reply(stream, 32));
  Request request = ask(1);
  auto partial_client = client_for("openai/gpt-4o-mini", server);
  auto result = partial_client.create_partial<clienttest::Person>(request, [](const auto&, const auto&) {});
  REQUIRE_MESSAGE(result, result.error().to_text());
  CHECK(result->age() == 31);
  REQUIRE(result.attempts().size() == 2);
  CHECK(result.attempts()[0].error.find("the stream was cut after ") == 0);
  CHECK(at(body_of(request_at(server, 1)), "/stream") == "true");

  FakeProviderServer once;
  once.push(cut);
  auto failed = client_for("openai/gpt-4o-mini", once).create_partial<clienttest::Person>(ask(0), [](const auto&, const auto&) {});
  REQUIRE(!failed);
  CHECK(failed.error().kind() == ErrorKind::transport);
  CHECK(failed.error().message().find("the stream was cut after ") == 0);
}

TEST_CASE("a stream that ends without [DONE] or a finish reason is not taken as an answer") {
  const std::string stream = chat_tool_call_stream("Person", R"({"name": "Ann", "age": 31})", 6);
  // Every chunk before the finishing one, then a clean end of the body.
  const std::size_t finishing = stream.rfind("data: {", stream.find("\"finish_reason\":\"tool_calls\""));
  FakeProviderServer server;
  server.push(sse_reply(stream.substr(0, finishing), 64));
  auto result = client_for("openai/gpt-4o-mini", server)
                    .create_partial<clienttest::Person>(ask(0), [](const auto&, const auto&) {});
  REQUIRE(!result);
  CHECK(result.error().kind() == ErrorKind::transport);
  CHECK(result.error().message().find("without the provider's end of answer") != std::string::npos);
}

TEST_CASE("an error payload inside a 200 stream is a provider_error with its message, and a passing one is retried") {
  const std::string head = chat_tool_call_stream("Person", R"({"name": "Ann", "age": 31})", 6);
  const std::string opening = head.substr(0, head.find("data: {", 300));
  {
    FakeProviderServer server;
    server.push(sse_reply(opening + ": OPENROUTER PROCESSING\n\ndata: {\"error\":{\"code\":\"bad_gateway\",\"message\":"
                                    "\"Upstream returned an invalid response\"}}\n\n",
                          40));
    auto result = client_for("openrouter/openai/gpt-4o", server)
                      .create_partial<clienttest::Person>(ask(3), [](const auto&, const auto&) {});
    REQUIRE(!result);
    CHECK(result.error().kind() == ErrorKind::provider_error);
    CHECK(result.error().message() == "OpenRouter reported an error: Upstream returned an invalid response");
    CHECK(result.error().provider_code() == "bad_gateway");
    CHECK(server.requests().size() == 1);
  }
  {
    FakeProviderServer server;
    server.push(sse_reply(opening + "data: {\"error\":{\"type\":\"server_error\",\"message\":\"The server had an error\"}}\n\n", 40));
    server.push(sse_reply(head, 40));
    auto result = client_for("openai/gpt-4o-mini", server)
                      .create_partial<clienttest::Person>(ask(1), [](const auto&, const auto&) {});
    REQUIRE_MESSAGE(result, result.error().to_text());
    CHECK(result.attempts().size() == 2);
    CHECK(result.attempts()[0].error == "The server had an error");
  }
}

TEST_CASE("an empty answer is re-asked as empty") {
  FakeProviderServer server;
  server.push(json_reply(chat_content_body("")));
  server.push(json_reply(chat_content_body(R"({"name": "Ann", "age": 31})")));
  ClientOptions options = options_for(server);
  options.mode = Mode::json;
  auto result = from_provider("deepseek/deepseek-chat", options).create<clienttest::Person>(ask(1));
  REQUIRE_MESSAGE(result, result.error().to_text());
  CHECK(at(body_of(request_at(server, 1)), "/messages/3/content") ==
        R"("The answer was empty. Answer with the complete Person as JSON that matches the schema.")");
}
