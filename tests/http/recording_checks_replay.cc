// The recording checks over real sockets: the fake server replays each
// recording and the client must get back exactly what was recorded.
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "fixture_replay.h"
#include "instructor/http/url.h"
#include "provider_fixtures.h"
#include "recording_checks.h"
#include "stream_decoding.h"
#include "transport_harness.h"

namespace instructor::testing {
namespace {

rapidjson::Document parse_json(const std::string& text) {
  rapidjson::Document doc;
  doc.Parse(text.c_str(), text.size());
  return doc;
}

std::string member_string(const rapidjson::Value& object, const char* name) {
  auto it = object.FindMember(name);
  return it != object.MemberEnd() && it->value.IsString() ? it->value.GetString() : std::string();
}

bool same_json(const std::string& text, const rapidjson::Value& expected) {
  rapidjson::Document doc = parse_json(text);
  return !doc.HasParseError() && doc == expected;
}

std::string serialize(const rapidjson::Value& value) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  value.Accept(writer);
  return std::string(buffer.GetString(), buffer.GetSize());
}

// Every value the response carries for a header name (any case).
std::vector<std::string> header_values(const http::Response& response, std::string_view name) {
  std::vector<std::string> values;
  for (const auto& header : response.headers) {
    if (http::header_name_equals(header.name, name)) values.push_back(header.value);
  }
  return values;
}

// The status, Content-Type and every selected response header of a
// recording (`.exchange.json` entry or `.request.json`) are in the response.
void check_recorded_head(const rapidjson::Value& recording, const http::Response& response) {
  REQUIRE((recording.HasMember("status") && recording["status"].IsInt()));
  CHECK(response.status == recording["status"].GetInt());
  std::string content_type = member_string(recording, "content_type");
  REQUIRE(!content_type.empty());
  CHECK(header_values(response, "content-type") == std::vector<std::string>{content_type});
  auto headers = recording.FindMember("selected_response_headers");
  if (headers == recording.MemberEnd()) return;
  REQUIRE(headers->value.IsObject());
  for (const auto& header : headers->value.GetObject()) {
    CAPTURE(header.name.GetString());
    std::vector<std::string> expected;
    if (header.value.IsString()) expected.push_back(header.value.GetString());
    if (header.value.IsArray()) {
      for (const auto& value : header.value.GetArray()) {
        REQUIRE(value.IsString());
        expected.push_back(value.GetString());
      }
    }
    REQUIRE(!expected.empty());
    CHECK(header_values(response, header.name.GetString()) == expected);
  }
}

}  // namespace

std::size_t check_exchanges_replay(const std::filesystem::path& dir) {
  FakeProviderServer server;
  Harness h;
  auto files = fixture_files(dir, ".exchange.json");
  for (const auto& file : files) {
    CAPTURE(file.string());
    rapidjson::Document recordings = parse_json(read_file(file));
    REQUIRE(recordings.IsArray());
    std::vector<RecordedExchange> loaded = load_exchanges(file);
    REQUIRE(loaded.size() == recordings.Size());
    for (rapidjson::SizeType i = 0; i < recordings.Size(); ++i) {
      CAPTURE(i);
      const rapidjson::Value& recording = recordings[i];
      REQUIRE(recording.HasMember("request_body"));
      REQUIRE(recording.HasMember("response_body"));
      auto url = http::Url::parse(member_string(recording, "url"));
      REQUIRE(url);
      server.push(loaded[i].response);
      http::Request request;
      request.method = member_string(recording, "method");
      request.url = server.url(url->target);
      request.body = serialize(recording["request_body"]);
      auto result = h.send(request);
      REQUIRE_MESSAGE(result.has_response(), result.error.message());
      check_recorded_head(recording, result.response);
      CHECK(same_json(result.response.body, recording["response_body"]));
      CHECK(server.requests().back().method == request.method);
      CHECK(server.requests().back().target == url->target);
      CHECK(same_json(server.requests().back().body, recording["request_body"]));
    }
  }
  return files.size();
}

std::size_t check_sse_files_replay(const std::filesystem::path& dir) {
  FakeProviderServer server;
  Harness h;
  auto files = fixture_files(dir, ".sse");
  for (const auto& file : files) {
    CAPTURE(file.string());
    std::filesystem::path head_file = file;
    head_file.replace_extension(".request.json");
    REQUIRE(std::filesystem::exists(head_file));
    rapidjson::Document head = parse_json(read_file(head_file));
    REQUIRE(head.IsObject());
    server.push(replay_stream(file, 100));
    std::string body;
    auto result = h.stream(post(server.url(), "{}"), [&](std::string_view b) { body += b; });
    REQUIRE_MESSAGE(result.has_response(), result.error.message());
    check_recorded_head(head, result.response);
    CHECK(body == read_file(file));
  }
  return files.size();
}

std::size_t check_streams_over_the_wire(const std::filesystem::path& dir) {
  FakeProviderServer server;
  Harness h;
  std::vector<std::pair<std::string, std::string>> streams;  // name, bytes
  for (const auto& file : fixture_files(dir, ".sse")) streams.emplace_back(file.string(), read_file(file));
  for (const auto& file : fixture_files(dir, ".chunks.txt")) {
    streams.emplace_back(file.string(), frame_as_sse(chunk_lines(read_file(file)), dialect_of(file)));
  }
  std::size_t piece = 1;
  for (const auto& [name, bytes] : streams) {
    CAPTURE(name);
    piece = piece % 61 + 7;  // 8, 15, 22, ... different cuts for every stream
    server.push(ScriptedResponse::sse(bytes, piece));
    std::vector<http::SseEvent> events;
    http::SseDecoder decoder([&](const http::SseEvent& e) { events.push_back(e); });
    auto result = h.stream(post(server.url("/v1/stream"), "{}"), [&](std::string_view b) { decoder.feed(b); });
    REQUIRE_MESSAGE(result.has_response(), result.error.message());
    REQUIRE_MESSAGE(decoder.finish(), decoder.error());
    CHECK(result.response.status == 200);
    CHECK(result.response.header("content-type") == "text/event-stream");
    CHECK(result.response.body.empty());
    CHECK(same_events(events, decode_sse(bytes).events));
  }
  CHECK(server.connections_accepted() == 1);
  return streams.size();
}

}  // namespace instructor::testing
