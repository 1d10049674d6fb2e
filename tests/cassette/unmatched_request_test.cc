// A request the cassette does not hold: a clear error naming the nearest
// recording and the first place it differs.
#include <doctest/doctest.h>

#include <fstream>

#include "cassette_harness.h"
#include "clienttest/models.instructor.h"

using namespace instructor;
using namespace instructor::testing;

TEST_CASE("an unmatched request fails with not_in_cassette, naming the nearest recording and the first difference") {
  const std::string path = fresh_cassette_path("unmatched.json");
  FakeProviderServer server;
  server.push(json_reply(chat_tool_call_body("Person", R"({"name": "Ann Lee", "age": 31})")));
  auto recorded = recording_client("openai/gpt-4o-mini", server, path)
                      .create<clienttest::Person>({.messages = {user("Ann Lee is 31.")}});
  REQUIRE_MESSAGE(recorded, recorded.error().to_text());

  auto replayed = replaying_client("openai/gpt-4o-mini", path)
                      .create<clienttest::Person>({.messages = {user("Bob Stone is 40.")}});
  REQUIRE(!replayed);
  CHECK(replayed.error().kind() == ErrorKind::not_in_cassette);
  const std::string message = replayed.error().message();
  CHECK(message.find("POST /v1/chat/completions is not in the cassette " + path + " (1 recording)") != std::string::npos);
  CHECK(message.find("the nearest is recording #1 (POST /v1/chat/completions)") != std::string::npos);
  CHECK(message.find(R"(whose body differs at $.messages[0].content: recorded "Ann Lee is 31.", sent "Bob Stone is 40.")") !=
        std::string::npos);
  CHECK(message.find("INSTRUCTOR_RECORD=1") != std::string::npos);
}

TEST_CASE("key order and whitespace of a JSON body do not matter, but another model does and is named") {
  const std::string path = fresh_cassette_path("model.json");
  FakeProviderServer server;
  server.push(json_reply(chat_tool_call_body("Person", R"({"name": "Ann Lee", "age": 31})")));
  auto recorded = recording_client("openai/gpt-4o-mini", server, path)
                      .create<clienttest::Person>({.messages = {user("Ann Lee is 31.")}});
  REQUIRE_MESSAGE(recorded, recorded.error().to_text());
  // Rewrite the recorded body with its keys in reverse order and indented: it still matches.
  std::string text = file_bytes(path);
  const auto model = text.find("\"model\": \"gpt-4o-mini\",");
  REQUIRE(model != std::string::npos);
  text.erase(model, std::string("\"model\": \"gpt-4o-mini\",").size());
  const auto json = text.find("\"json\": {");
  text.insert(json + 9, "\n \"model\":   \"gpt-4o-mini\",");
  std::ofstream(path) << text;
  auto same = replaying_client("openai/gpt-4o-mini", path).create<clienttest::Person>({.messages = {user("Ann Lee is 31.")}});
  REQUIRE_MESSAGE(same, same.error().to_text());

  auto other = replaying_client("openai/gpt-4o", path).create<clienttest::Person>({.messages = {user("Ann Lee is 31.")}});
  REQUIRE(!other);
  CHECK(other.error().message().find(R"(at $.model: recorded "gpt-4o-mini", sent "gpt-4o")") != std::string::npos);
}
