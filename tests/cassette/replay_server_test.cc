// instructor-replay serves a recorded cassette to the real client (and to any
// HTTP client) over loopback.
#include <doctest/doctest.h>

#include "cassette_harness.h"
#include "clienttest/models.instructor.h"

using namespace instructor;
using namespace instructor::testing;

namespace {

Request ask(std::string text = "Ann Lee is 31.") { return Request{.messages = {user(std::move(text))}}; }

// A client of the replay server, with a key the recording never saw.
Client client_of(const ReplayServer& server) {
  ClientOptions options;
  options.base_url = server.base_url() + "/v1";
  options.api_key = "sk-another-key-0000000000";
  options.http.proxy = http::ProxySettings{};
  options.http.retry.max_attempts = 1;
  return from_provider("openai/gpt-4o-mini", options);
}

}  // namespace

TEST_CASE("instructor-replay serves a recorded cassette, whole and streamed, to the client over loopback") {
  const std::string path = fresh_cassette_path("served.json");
  FakeProviderServer provider;
  provider.push(json_reply(chat_tool_call_body("Person", R"({"name": "Ann Lee", "age": 31})")));
  provider.push(sse_reply(chat_tool_call_stream("Person", R"({"name": "Bo Li", "age": 7})", 4), 30));
  auto recorder = recording_client("openai/gpt-4o-mini", provider, path);
  auto whole = recorder.create<clienttest::Person>(ask());
  REQUIRE_MESSAGE(whole, whole.error().to_text());
  std::vector<std::string> live;
  auto streamed = recorder.create_partial<clienttest::Person>(
      ask("Bo Li is 7."), [&](const clienttest::Person& p, const Completeness&) { live.push_back(p.name()); });
  REQUIRE_MESSAGE(streamed, streamed.error().to_text());

  ReplayServer server({"--cassette", path, "--port", "0", "--instant"});
  REQUIRE(server.base_url().rfind("http://127.0.0.1:", 0) == 0);
  Client client = client_of(server);
  auto served = client.create<clienttest::Person>(ask());
  REQUIRE_MESSAGE(served, served.error().to_text());
  CHECK(served->name() == "Ann Lee");
  CHECK(served->age() == 31);

  std::vector<std::string> replayed;
  auto served_stream = client.create_partial<clienttest::Person>(
      ask("Bo Li is 7."), [&](const clienttest::Person& p, const Completeness&) { replayed.push_back(p.name()); });
  REQUIRE_MESSAGE(served_stream, served_stream.error().to_text());
  CHECK(served_stream->name() == "Bo Li");
  CHECK(replayed == live);
}

TEST_CASE("instructor-replay answers an unmatched request with a 404 whose message names the nearest recording") {
  const std::string path = fresh_cassette_path("served-unmatched.json");
  FakeProviderServer provider;
  provider.push(json_reply(chat_tool_call_body("Person", R"({"name": "Ann Lee", "age": 31})")));
  auto recorded = recording_client("openai/gpt-4o-mini", provider, path).create<clienttest::Person>(ask());
  REQUIRE_MESSAGE(recorded, recorded.error().to_text());

  ReplayServer server({"--cassette", path, "--instant"});
  auto result = client_of(server).create<clienttest::Person>(ask("Someone else."));
  REQUIRE(!result);
  CHECK(result.error().kind() == ErrorKind::not_found);
  CHECK(result.error().message().find("is not in the cassette") != std::string::npos);
  CHECK(result.error().message().find("$.messages[0].content") != std::string::npos);
  CHECK(server.stop_and_read_errors().find("the nearest is recording #1") != std::string::npos);
}

TEST_CASE("instructor-replay refuses a missing cassette with a message and a failing exit") {
  ReplayServer server({"--cassette", "/nonexistent/cassette.json"});
  CHECK(server.base_url().empty());
  CHECK(server.stop_and_read_errors().find("cannot read the cassette /nonexistent/cassette.json") != std::string::npos);
}
