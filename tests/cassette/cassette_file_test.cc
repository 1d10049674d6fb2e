// A cassette's file and its body rule, below the client: what of a request is
// kept, how the text reads back, and how two JSON bodies compare.
#include <doctest/doctest.h>

#include "../../lib/src/cassette/cassette_file.h"
#include "../../lib/src/cassette/json_body.h"
#include "../../lib/src/cassette/redacted_exchange.h"

using namespace instructor;

TEST_CASE("a key= query parameter and key headers are redacted from what a cassette keeps of a request") {
  const std::string key = "AIzaSy-secret-0123456789";
  http::Request request;
  request.method = "POST";
  request.url = "https://generativelanguage.googleapis.com/v1beta/models/gemini:generateContent?alt=sse&key=" + key;
  request.headers = {{"x-goog-api-key", key}, {"Content-Type", "application/json"}};
  request.body = R"({"contents":[]})";
  cassette::Interaction interaction;
  interaction.request = cassette::recorded_request(request);
  interaction.response.status = 200;
  interaction.response.body = "{}";
  CHECK(interaction.request.path == "/v1beta/models/gemini:generateContent?alt=sse&key=[REDACTED]");
  const std::string text = cassette::cassette_text({interaction});
  CHECK(text.find(key) == std::string::npos);
  CHECK(text.find(R"("x-goog-api-key": "[REDACTED]")") != std::string::npos);
}

TEST_CASE("a cassette's text reads back to the same exchanges, bytes that are not UTF-8 included") {
  cassette::Interaction interaction;
  interaction.request = {"POST", "/v1/chat/completions", {}, R"({"b":1,"a":[true,null]})"};
  interaction.response.status = 200;
  interaction.response.streamed = true;
  interaction.response.chunks = {{std::chrono::milliseconds(5), "data: {\"x\":\"\xc3"}, {std::chrono::milliseconds(7), "\xa9\"}\n\n"}};
  cassette::LoadedCassette loaded = cassette::parse_cassette(cassette::cassette_text({interaction}), "memory");
  REQUIRE_MESSAGE(loaded.error.empty(), loaded.error);
  REQUIRE(loaded.interactions.size() == 1);
  CHECK(loaded.interactions[0].request.body == R"({"b":1,"a":[true,null]})");
  REQUIRE(loaded.interactions[0].response.chunks.size() == 2);
  CHECK(loaded.interactions[0].response.chunks[0].data == interaction.response.chunks[0].data);
  CHECK(loaded.interactions[0].response.chunks[1].data == interaction.response.chunks[1].data);
  CHECK(loaded.interactions[0].response.chunks[1].after == std::chrono::milliseconds(7));
}

TEST_CASE("JSON bodies compare with keys in any order and name their first difference by JSON path") {
  CHECK(cassette::normalized_body(R"({"b": 1, "a": {"y": [1, 2], "x": null}})") == R"({"a":{"x":null,"y":[1,2]},"b":1})");
  CHECK(cassette::normalized_body("not json {") == "not json {");

  auto same = cassette::body_difference(R"({"a":1,"b":[true]})", R"({ "b": [true], "a": 1 })");
  CHECK(same.count == 0);

  auto extra = cassette::body_difference(R"({"messages":[{"content":"a"}]})",
                                         R"({"messages":[{"content":"a"},{"content":"b"}],"seed":3})");
  CHECK(extra.count == 2);
  CHECK(extra.first == R"($.messages[1]: recorded nothing, sent {"content":"b"})");

  auto bytes = cassette::body_difference("abc", "abd");
  CHECK(bytes.count == 1);
  CHECK(bytes.first == "the body (not JSON on both sides): recorded 3 bytes, sent 3, first different at byte 2");
}
