// Writes a cassette: pretty-printed, request bodies as JSON values, bytes
// that are not UTF-8 as base64.
#include "cassette_file.h"

#include <rapidjson/document.h>
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include <algorithm>
#include <cstdio>
#include <fstream>

#include "../json/utf8.h"
#include "../text/base64.h"

namespace instructor::cassette {
namespace {

using Writer = rapidjson::PrettyWriter<rapidjson::StringBuffer>;

constexpr int kVersion = 1;

void write_text(Writer& w, std::string_view text) { w.String(text.data(), static_cast<rapidjson::SizeType>(text.size())); }

// Text as `key`, or as `key`_base64 when it is not UTF-8.
void write_bytes(Writer& w, std::string_view key, std::string_view bytes) {
  if (utf8::IsValid(bytes)) {
    write_text(w, key);
    write_text(w, bytes);
  } else {
    write_text(w, std::string(key) + "_base64");
    write_text(w, text::base64_encode(bytes));
  }
}

void write_headers(Writer& w, const std::vector<http::Header>& headers) {
  std::vector<http::Header> joined;
  for (const http::Header& header : headers) {
    auto same = std::find_if(joined.begin(), joined.end(),
                             [&](const http::Header& h) { return http::header_name_equals(h.name, header.name); });
    if (same == joined.end()) {
      joined.push_back(header);
    } else {
      same->value += ", " + header.value;
    }
  }
  w.Key("headers");
  w.StartObject();
  for (const http::Header& header : joined) {
    write_text(w, header.name);
    write_text(w, header.value);
  }
  w.EndObject();
}

void write_request(Writer& w, const RecordedRequest& request) {
  w.StartObject();
  w.Key("method");
  write_text(w, request.method);
  w.Key("path");
  write_text(w, request.path);
  write_headers(w, request.headers);
  rapidjson::Document json;
  json.Parse<rapidjson::kParseFullPrecisionFlag>(request.body.data(), request.body.size());
  if (request.body.empty()) {
  } else if (!json.HasParseError()) {
    w.Key("json");
    json.Accept(w);
  } else {
    write_bytes(w, "body", request.body);
  }
  w.EndObject();
}

void write_response(Writer& w, const RecordedResponse& response) {
  w.StartObject();
  w.Key("status");
  w.Int(response.status);
  if (!response.reason.empty()) {
    w.Key("reason");
    write_text(w, response.reason);
  }
  w.Key("after_ms");
  w.Int64(response.after.count());
  write_headers(w, response.headers);
  if (response.streamed) {
    w.Key("chunks");
    w.StartArray();
    for (const Chunk& chunk : response.chunks) {
      w.StartObject();
      w.Key("after_ms");
      w.Int64(chunk.after.count());
      write_bytes(w, "data", chunk.data);
      w.EndObject();
    }
    w.EndArray();
  } else {
    write_bytes(w, "body", response.body);
  }
  if (!response.error_code.empty()) {
    w.Key("error");
    w.StartObject();
    w.Key("code");
    write_text(w, response.error_code);
    w.Key("message");
    write_text(w, response.error_message);
    w.EndObject();
  }
  w.EndObject();
}

}  // namespace

std::string cassette_text(const std::vector<Interaction>& interactions) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.SetIndent(' ', 2);
  w.StartObject();
  w.Key("version");
  w.Int(kVersion);
  w.Key("interactions");
  w.StartArray();
  for (const Interaction& interaction : interactions) {
    w.StartObject();
    w.Key("request");
    write_request(w, interaction.request);
    w.Key("response");
    write_response(w, interaction.response);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize()) + "\n";
}

std::string write_cassette(const std::string& path, const std::vector<Interaction>& interactions) {
  const std::string temporary = path + ".partial";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << cassette_text(interactions);
    if (!out.flush()) return "cannot write the cassette " + path;
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0) return "cannot move " + temporary + " to " + path;
  return {};
}

}  // namespace instructor::cassette
