// Recording a client's exchanges with the fake provider, then replaying them
// offline: the same typed results, the same partials, no secret in the file.
#include <doctest/doctest.h>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <boost/asio/use_future.hpp>
#include <fstream>
#include <future>
#include <mutex>

#include "cassette_harness.h"
#include "clienttest/models.instructor.h"

using namespace instructor;
using namespace instructor::testing;

namespace {

Request ask(std::string text = "Ann Lee is 31.", int max_retries = 0) {
  return Request{.messages = {user(std::move(text))}, .max_retries = max_retries};
}

// Every partial's name and age, as text, in order.
struct PartialLog {
  std::vector<std::string> lines;
  auto callback() {
    return [this](const clienttest::Person& p, const Completeness&) {
      lines.push_back(p.name() + "|" + std::to_string(p.age()));
    };
  }
};

}  // namespace

TEST_CASE("a recorded extraction replays offline to the same typed result, and the cassette is readable JSON") {
  const std::string path = fresh_cassette_path("whole.json");
  FakeProviderServer server;
  server.push(json_reply(chat_tool_call_body("Person", R"({"name": "Ann Lee", "age": 31})")));
  auto recorded = recording_client("openai/gpt-4o-mini", server, path).create<clienttest::Person>(ask());
  REQUIRE_MESSAGE(recorded, recorded.error().to_text());

  auto replayed = replaying_client("openai/gpt-4o-mini", path).create<clienttest::Person>(ask());
  REQUIRE_MESSAGE(replayed, replayed.error().to_text());
  CHECK(replayed->name() == "Ann Lee");
  CHECK(replayed->age() == 31);
  CHECK(replayed->SerializeAsString() == recorded->SerializeAsString());
  CHECK(replayed.usage().total_tokens == recorded.usage().total_tokens);
  CHECK(server.requests().size() == 1);  // the replay never reached the server

  const std::string text = file_bytes(path);
  rapidjson::Document cassette;
  cassette.Parse(text.c_str());
  REQUIRE(!cassette.HasParseError());
  CHECK(at(cassette, "/version") == "1");
  CHECK(at(cassette, "/interactions/0/request/method") == R"("POST")");
  CHECK(at(cassette, "/interactions/0/request/path") == R"("/v1/chat/completions")");
  CHECK(at(cassette, "/interactions/0/request/json/model") == R"("gpt-4o-mini")");
  CHECK(at(cassette, "/interactions/0/response/status") == "200");
  CHECK(at(cassette, "/interactions/0/response/headers/Content-Type") == R"("application/json")");
  CHECK(text.find("\n  \"interactions\": [") != std::string::npos);  // pretty-printed
}

TEST_CASE("a streamed cassette keeps the chunks with their timing and replays the same partials") {
  const std::string path = fresh_cassette_path("stream.json");
  FakeProviderServer server;
  server.push(sse_reply(chat_tool_call_stream("Person", R"({"name": "Ann Lee", "age": 31})", 4), 50));
  PartialLog live, replay;
  auto recorded = recording_client("openai/gpt-4o-mini", server, path)
                      .create_partial<clienttest::Person>(ask(), live.callback());
  REQUIRE_MESSAGE(recorded, recorded.error().to_text());
  REQUIRE(live.lines.size() >= 4);

  auto replayed = replaying_client("openai/gpt-4o-mini", path).create_partial<clienttest::Person>(ask(), replay.callback());
  REQUIRE_MESSAGE(replayed, replayed.error().to_text());
  CHECK(replay.lines == live.lines);
  CHECK(replayed->SerializeAsString() == recorded->SerializeAsString());

  rapidjson::Document cassette;
  cassette.Parse(file_bytes(path).c_str());
  const rapidjson::Value& chunks = cassette["interactions"][0]["response"]["chunks"];
  REQUIRE(chunks.IsArray());
  CHECK(chunks.Size() > 4);  // the server sent 50-byte pieces: the boundaries are kept
  CHECK(chunks[0]["after_ms"].IsInt64());
  CHECK(std::string(chunks[0]["data"].GetString()).rfind("data: ", 0) == 0);
}

TEST_CASE("a replay with recorded timing waits between chunks as the provider did") {
  const std::string path = fresh_cassette_path("timed.json");
  FakeProviderServer server;
  server.push(ScriptedResponse::sse(chat_tool_call_stream("Person", R"({"name": "Ann", "age": 3})", 8), 60,
                                    std::chrono::milliseconds(40)));
  PartialLog live;
  auto recorded = recording_client("openai/gpt-4o-mini", server, path).create_partial<clienttest::Person>(ask(), live.callback());
  REQUIRE_MESSAGE(recorded, recorded.error().to_text());

  ClientOptions options;
  options.base_url = "http://127.0.0.1:9/v1";
  options.cassette = Cassette::replay(path).with_recorded_timing();
  const auto start = std::chrono::steady_clock::now();
  PartialLog log;
  auto replayed = from_provider("openai/gpt-4o-mini", options).create_partial<clienttest::Person>(ask(), log.callback());
  REQUIRE_MESSAGE(replayed, replayed.error().to_text());
  CHECK(std::chrono::steady_clock::now() - start >= std::chrono::milliseconds(60));
  CHECK(log.lines == live.lines);
}

TEST_CASE("a re-ask is recorded as a second exchange and replays to the same attempts") {
  const std::string path = fresh_cassette_path("reask.json");
  FakeProviderServer server;
  server.push(json_reply(chat_tool_call_body("Person", R"({"name": "Ann Lee", "age": 310})")));
  server.push(json_reply(chat_tool_call_body("Person", R"({"name": "Ann Lee", "age": 31})")));
  auto recorded = recording_client("openai/gpt-4o-mini", server, path).create<clienttest::Person>(ask("Ann Lee is 31.", 2));
  REQUIRE_MESSAGE(recorded, recorded.error().to_text());
  REQUIRE(recorded.attempts().size() == 2);

  auto replayed = replaying_client("openai/gpt-4o-mini", path).create<clienttest::Person>(ask("Ann Lee is 31.", 2));
  REQUIRE_MESSAGE(replayed, replayed.error().to_text());
  CHECK(replayed->age() == 31);
  CHECK(replayed.attempts().size() == 2);
}

TEST_CASE("secrets never reach a cassette: key headers, key query parameters, echoed keys") {
  const std::string path = fresh_cassette_path("secrets.json");
  const std::string other_secret = "az-secret-key-9876543210";
  FakeProviderServer server;
  ScriptedResponse reply = json_reply(chat_tool_call_body("Person", R"({"name": "Ann Lee", "age": 31})"));
  reply.headers.push_back({"x-echo", "you sent " + std::string(kTestKey)});
  reply.headers.push_back({"x-api-key", other_secret});
  server.push(reply);
  ClientOptions options = options_for(server);
  options.base_url = server.url("/v1");
  options.headers = {{"api-key", other_secret}, {"x-goog-api-key", other_secret}};
  options.cassette = Cassette::record(path);
  auto recorded = from_provider("openai/gpt-4o-mini", options).create<clienttest::Person>(ask());
  REQUIRE_MESSAGE(recorded, recorded.error().to_text());

  const std::string bytes = file_bytes(path);
  CHECK(bytes.find(kTestKey) == std::string::npos);
  CHECK(bytes.find(other_secret) == std::string::npos);
  CHECK(bytes.find("\"Authorization\": \"[REDACTED]\"") != std::string::npos);
  CHECK(bytes.find("\"api-key\": \"[REDACTED]\"") != std::string::npos);
  CHECK(bytes.find("you sent [REDACTED]") != std::string::npos);
}

TEST_CASE("INSTRUCTOR_RECORD=1 turns a replay cassette into a recording, and INSTRUCTOR_CASSETTE gives one") {
  const std::string path = fresh_cassette_path("environment.json");
  FakeProviderServer server;
  server.push(json_reply(chat_tool_call_body("Person", R"({"name": "Ann Lee", "age": 31})")));
  ClientOptions options = options_for(server);
  options.cassette = Cassette::replay(path);  // does not exist yet
  options.environment["INSTRUCTOR_RECORD"] = "1";
  Client recorder = from_provider("openai/gpt-4o-mini", options);
  REQUIRE(recorder.cassette());
  CHECK(recorder.cassette()->mode() == Cassette::Mode::record);
  auto recorded = recorder.create<clienttest::Person>(ask());
  REQUIRE_MESSAGE(recorded, recorded.error().to_text());

  ClientOptions replay;
  replay.base_url = "http://127.0.0.1:9/v1";
  replay.environment = {{"INSTRUCTOR_CASSETTE", path}, {"OPENAI_API_KEY", ""}};
  Client player = from_provider("openai/gpt-4o-mini", replay);
  REQUIRE(player.cassette());
  CHECK(player.cassette()->mode() == Cassette::Mode::replay);
  CHECK(player.cassette()->path() == path);
  auto replayed = player.create<clienttest::Person>(ask());
  REQUIRE_MESSAGE(replayed, replayed.error().to_text());
  CHECK(replayed->name() == "Ann Lee");
}

TEST_CASE("replay_or_record records when the file is missing and replays once it exists") {
  const std::string path = fresh_cassette_path("once.json");
  FakeProviderServer server;
  server.push(json_reply(chat_tool_call_body("Person", R"({"name": "Ann Lee", "age": 31})")));
  ClientOptions options = options_for(server);
  options.cassette = Cassette::replay_or_record(path);
  for (int run = 0; run < 2; ++run) {
    auto result = from_provider("openai/gpt-4o-mini", options).create<clienttest::Person>(ask());
    REQUIRE_MESSAGE(result, result.error().to_text());
    CHECK(result->age() == 31);
  }
  CHECK(server.requests().size() == 1);
}

TEST_CASE("a cassette that cannot be read makes a client with a configuration error that names it") {
  auto missing = replaying_client("openai/gpt-4o-mini", "/nonexistent/cassette.json");
  REQUIRE(missing.configuration_error());
  CHECK(missing.configuration_error()->message().find("/nonexistent/cassette.json") != std::string::npos);

  const std::string path = fresh_cassette_path("broken.json");
  std::ofstream(path) << R"({"interactions": [{"request": {"method": "POST"}, "response": {"status": 200}}]})";
  auto broken = replaying_client("openai/gpt-4o-mini", path);
  REQUIRE(broken.configuration_error());
  CHECK(broken.configuration_error()->message().find("interactions[0].request.path is missing") != std::string::npos);
}

TEST_CASE("a stream cut short is recorded with its error, and the replay cuts it again before the re-sent stream") {
  const std::string path = fresh_cassette_path("cut.json");
  FakeProviderServer server;
  ScriptedResponse cut = sse_reply(chat_tool_call_stream("Person", R"({"name": "Ann Lee", "age": 31})", 4), 40);
  cut.pieces.resize(3);
  cut.close_mid_body = true;
  server.push(cut);
  server.push(sse_reply(chat_tool_call_stream("Person", R"({"name": "Ann Lee", "age": 31})", 4), 40));
  PartialLog live, replay;
  auto recorded = recording_client("openai/gpt-4o-mini", server, path)
                      .create_partial<clienttest::Person>(ask("Ann Lee is 31.", 1), live.callback());
  REQUIRE_MESSAGE(recorded, recorded.error().to_text());
  REQUIRE(recorded.attempts().size() == 2);
  CHECK(file_bytes(path).find(R"("code": "connection_closed")") != std::string::npos);

  auto replayed = replaying_client("openai/gpt-4o-mini", path)
                      .create_partial<clienttest::Person>(ask("Ann Lee is 31.", 1), replay.callback());
  REQUIRE_MESSAGE(replayed, replayed.error().to_text());
  CHECK(replayed.attempts().size() == 2);
  CHECK(replayed.attempts()[0].error == recorded.attempts()[0].error);
  CHECK(replay.lines == live.lines);
}

TEST_CASE("many concurrent calls of one client replay, each answered by the recording of its own request") {
  const std::string path = fresh_cassette_path("concurrent.json");
  FakeProviderServer server;
  server.set_handler([](const RecordedRequest& request) {
    const bool ann = request.body.find("Ann") != std::string::npos;
    return json_reply(chat_tool_call_body("Person", ann ? R"({"name": "Ann", "age": 31})" : R"({"name": "Bo", "age": 7})"));
  });
  auto recorder = recording_client("openai/gpt-4o-mini", server, path);
  REQUIRE(recorder.create<clienttest::Person>(ask("Ann is 31.")));
  REQUIRE(recorder.create<clienttest::Person>(ask("Bo is 7.")));

  auto player = replaying_client("openai/gpt-4o-mini", path);
  std::vector<std::future<Result<clienttest::Person>>> calls;
  for (int i = 0; i < 40; ++i) {
    calls.push_back(player.async_create<clienttest::Person>(ask(i % 2 ? "Ann is 31." : "Bo is 7."), boost::asio::use_future));
  }
  for (int i = 0; i < 40; ++i) {
    auto result = calls[i].get();
    REQUIRE_MESSAGE(result, result.error().to_text());
    CHECK(result->name() == (i % 2 ? "Ann" : "Bo"));
  }
  CHECK(server.requests().size() == 2);
}

TEST_CASE("the call's deadline cuts a recorded pause short") {
  const std::string path = fresh_cassette_path("slow.json");
  FakeProviderServer server;
  server.push(ScriptedResponse::sse(chat_tool_call_stream("Person", R"({"name": "Ann", "age": 3})", 8), 200,
                                    std::chrono::milliseconds(300)));
  PartialLog live;
  auto recorded = recording_client("openai/gpt-4o-mini", server, path).create_partial<clienttest::Person>(ask(), live.callback());
  REQUIRE_MESSAGE(recorded, recorded.error().to_text());

  ClientOptions options;
  options.base_url = "http://127.0.0.1:9/v1";
  options.cassette = Cassette::replay(path).with_recorded_timing();
  Request request = ask();
  request.timeout = std::chrono::milliseconds(100);
  const auto start = std::chrono::steady_clock::now();
  PartialLog log;
  auto replayed = from_provider("openai/gpt-4o-mini", options).create_partial<clienttest::Person>(request, log.callback());
  REQUIRE(!replayed);
  CHECK(replayed.error().kind() == ErrorKind::deadline_exceeded);
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::milliseconds(250));
}

TEST_CASE("a hand-edited cassette may give a response body as a JSON value instead of its bytes") {
  const std::string path = fresh_cassette_path("hand.json");
  FakeProviderServer server;
  server.push(json_reply(chat_tool_call_body("Person", R"({"name": "Ann Lee", "age": 31})")));
  REQUIRE(recording_client("openai/gpt-4o-mini", server, path).create<clienttest::Person>(ask()));

  rapidjson::Document cassette;
  cassette.Parse(file_bytes(path).c_str());
  rapidjson::Value& response = cassette["interactions"][0]["response"];
  rapidjson::Document body;
  body.Parse(response["body"].GetString());
  body["choices"][0]["message"]["tool_calls"][0]["function"]["arguments"].SetString(R"({"name": "Edited", "age": 40})",
                                                                                   cassette.GetAllocator());
  response.RemoveMember("body");
  response.AddMember("json", rapidjson::Value(body, cassette.GetAllocator()), cassette.GetAllocator());
  rapidjson::StringBuffer text;
  rapidjson::Writer<rapidjson::StringBuffer> writer(text);
  cassette.Accept(writer);
  std::ofstream(path) << text.GetString();

  auto replayed = replaying_client("openai/gpt-4o-mini", path).create<clienttest::Person>(ask());
  REQUIRE_MESSAGE(replayed, replayed.error().to_text());
  CHECK(replayed->name() == "Edited");
  CHECK(replayed->age() == 40);
}

TEST_CASE("the transport's debug log says which recording answered each request, and what was recorded") {
  const std::string path = fresh_cassette_path("logged.json");
  FakeProviderServer server;
  server.push(json_reply(chat_tool_call_body("Person", R"({"name": "Ann Lee", "age": 31})")));
  std::mutex mutex;
  std::vector<std::string> lines;
  auto log = [&](std::string_view line) {
    std::lock_guard lock(mutex);
    lines.emplace_back(line);
  };
  ClientOptions options = options_for(server);
  options.http.log = log;
  options.cassette = Cassette::record(path);
  REQUIRE(from_provider("openai/gpt-4o-mini", options).create<clienttest::Person>(ask()));
  options.cassette = Cassette::replay(path);
  REQUIRE(from_provider("openai/gpt-4o-mini", options).create<clienttest::Person>(ask()));
  REQUIRE(!from_provider("openai/gpt-4o-mini", options).create<clienttest::Person>(ask("Nobody.")));

  std::lock_guard lock(mutex);
  auto logged = [&](const std::string& text) {
    return std::any_of(lines.begin(), lines.end(), [&](const std::string& l) { return l.find(text) != std::string::npos; });
  };
  CHECK(logged("cassette: recorded POST /v1/chat/completions as recording #1 of " + path));
  CHECK(logged("cassette: POST /v1/chat/completions answered by recording #1"));
  CHECK(logged("cassette: POST /v1/chat/completions is not in the cassette"));
}
