#include "fixture_replay.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <stdexcept>

#include "provider_fixtures.h"

namespace instructor::testing {
namespace {

rapidjson::Document parse(const std::filesystem::path& path) {
  rapidjson::Document doc;
  std::string text = read_file(path);
  doc.Parse(text.c_str(), text.size());
  if (doc.HasParseError()) throw std::runtime_error("invalid JSON in " + path.string());
  return doc;
}

std::string serialize(const rapidjson::Value& value) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  value.Accept(writer);
  return std::string(buffer.GetString(), buffer.GetSize());
}

std::string string_member(const rapidjson::Value& object, const char* name) {
  auto it = object.FindMember(name);
  return it != object.MemberEnd() && it->value.IsString() ? it->value.GetString() : std::string();
}

// Status, Content-Type and every recorded response header of a recording.
void apply_head(const rapidjson::Value& recording, ScriptedResponse& response) {
  if (auto it = recording.FindMember("status"); it != recording.MemberEnd() && it->value.IsInt()) {
    response.status = it->value.GetInt();
  }
  response.headers.clear();
  if (std::string type = string_member(recording, "content_type"); !type.empty()) {
    response.headers.push_back({"Content-Type", type});
  }
  if (auto it = recording.FindMember("selected_response_headers");
      it != recording.MemberEnd() && it->value.IsObject()) {
    // Recordings store each header's values as an array (one entry per header line).
    for (const auto& header : it->value.GetObject()) {
      if (header.value.IsString()) response.headers.push_back({header.name.GetString(), header.value.GetString()});
      if (!header.value.IsArray()) continue;
      for (const auto& value : header.value.GetArray()) {
        if (value.IsString()) response.headers.push_back({header.name.GetString(), value.GetString()});
      }
    }
  }
}

}  // namespace

std::vector<RecordedExchange> load_exchanges(const std::filesystem::path& exchange_json) {
  rapidjson::Document doc = parse(exchange_json);
  if (!doc.IsArray()) throw std::runtime_error(exchange_json.string() + " is not a JSON array");
  std::vector<RecordedExchange> exchanges;
  for (const auto& recording : doc.GetArray()) {
    RecordedExchange exchange;
    exchange.method = string_member(recording, "method");
    exchange.url = string_member(recording, "url");
    if (auto it = recording.FindMember("request_body"); it != recording.MemberEnd()) {
      exchange.request_body = serialize(it->value);
    }
    apply_head(recording, exchange.response);
    if (auto it = recording.FindMember("response_body"); it != recording.MemberEnd()) {
      exchange.response.body = it->value.IsString() ? it->value.GetString() : serialize(it->value);
    }
    exchanges.push_back(std::move(exchange));
  }
  return exchanges;
}

ScriptedResponse replay_stream(const std::filesystem::path& file, std::size_t piece_size, Milliseconds gap) {
  std::string name = file.filename().string();
  if (name.size() > 11 && name.compare(name.size() - 11, 11, ".chunks.txt") == 0) {
    return ScriptedResponse::sse(frame_as_sse(chunk_lines(read_file(file)), dialect_of(file)), piece_size, gap);
  }
  ScriptedResponse response = ScriptedResponse::sse(read_file(file), piece_size, gap);
  std::filesystem::path request = file;
  request.replace_extension(".request.json");
  if (std::filesystem::exists(request)) apply_head(parse(request), response);
  return response;
}

}  // namespace instructor::testing
