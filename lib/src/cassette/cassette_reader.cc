// Reads a cassette, saying which field is wrong when it is not one.
#include "cassette_file.h"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <fstream>
#include <sstream>

#include "../text/base64.h"

namespace instructor::cassette {
namespace {

using rapidjson::Value;

class Reader {
 public:
  explicit Reader(std::string_view name) : name_(name) {}
  std::string error;

  bool fail(const std::string& where, const std::string& what) {
    if (error.empty()) error = "cassette " + std::string(name_) + ": " + where + " " + what;
    return false;
  }

  std::string text(const Value& object, const char* key, const std::string& where, bool required = false) {
    auto it = object.FindMember(key);
    if (it == object.MemberEnd()) {
      if (required) fail(where + "." + key, "is missing");
      return {};
    }
    if (!it->value.IsString()) {
      fail(where + "." + key, "is not a string");
      return {};
    }
    return std::string(it->value.GetString(), it->value.GetStringLength());
  }

  std::int64_t number(const Value& object, const char* key, const std::string& where) {
    auto it = object.FindMember(key);
    if (it == object.MemberEnd()) return 0;
    if (!it->value.IsInt64()) {
      fail(where + "." + key, "is not an integer");
      return 0;
    }
    return it->value.GetInt64();
  }

  // `key` as text, `key`_base64 as bytes, or `json` as compact JSON (when `json_key`).
  std::string bytes(const Value& object, const std::string& key, const std::string& where, const char* json_key) {
    if (object.HasMember(key.c_str())) return text(object, key.c_str(), where);
    const std::string base64_key = key + "_base64";
    if (object.HasMember(base64_key.c_str())) {
      auto decoded = text::base64_decode(text(object, base64_key.c_str(), where));
      if (!decoded) fail(where + "." + base64_key, "is not base64");
      return decoded.value_or("");
    }
    if (json_key != nullptr) {
      if (auto it = object.FindMember(json_key); it != object.MemberEnd()) {
        rapidjson::StringBuffer buffer;
        rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
        it->value.Accept(writer);
        return std::string(buffer.GetString(), buffer.GetSize());
      }
    }
    return {};
  }

  std::vector<http::Header> headers(const Value& object, const std::string& where) {
    std::vector<http::Header> out;
    auto it = object.FindMember("headers");
    if (it == object.MemberEnd()) return out;
    if (!it->value.IsObject()) {
      fail(where + ".headers", "is not an object");
      return out;
    }
    for (const auto& member : it->value.GetObject()) {
      if (!member.value.IsString()) {
        fail(where + ".headers." + member.name.GetString(), "is not a string");
        continue;
      }
      out.push_back({member.name.GetString(), std::string(member.value.GetString(), member.value.GetStringLength())});
    }
    return out;
  }

  RecordedRequest request(const Value& object, const std::string& where) {
    RecordedRequest request;
    if (!object.IsObject()) {
      fail(where, "is not an object");
      return request;
    }
    request.method = text(object, "method", where, true);
    request.path = text(object, "path", where, true);
    request.headers = headers(object, where);
    request.body = bytes(object, "body", where, "json");
    return request;
  }

  RecordedResponse response(const Value& object, const std::string& where) {
    RecordedResponse response;
    if (!object.IsObject()) {
      fail(where, "is not an object");
      return response;
    }
    response.status = static_cast<int>(number(object, "status", where));
    response.reason = text(object, "reason", where);
    response.after = Milliseconds(number(object, "after_ms", where));
    response.headers = headers(object, where);
    if (auto chunks = object.FindMember("chunks"); chunks != object.MemberEnd()) {
      if (!chunks->value.IsArray()) fail(where + ".chunks", "is not an array");
      response.streamed = true;
      for (rapidjson::SizeType i = 0; chunks->value.IsArray() && i < chunks->value.Size(); ++i) {
        const std::string at = where + ".chunks[" + std::to_string(i) + "]";
        const Value& chunk = chunks->value[i];
        if (!chunk.IsObject()) {
          fail(at, "is not an object");
          continue;
        }
        response.chunks.push_back({Milliseconds(number(chunk, "after_ms", at)), bytes(chunk, "data", at, nullptr)});
      }
    } else {
      response.body = bytes(object, "body", where, "json");
    }
    if (auto error = object.FindMember("error"); error != object.MemberEnd()) {
      if (!error->value.IsObject()) {
        fail(where + ".error", "is not an object");
      } else {
        response.error_code = text(error->value, "code", where + ".error", true);
        response.error_message = text(error->value, "message", where + ".error");
      }
    }
    if (response.status == 0 && response.error_code.empty()) fail(where, "has neither a status nor an error");
    return response;
  }

 private:
  std::string_view name_;
};

}  // namespace

LoadedCassette parse_cassette(std::string_view text, std::string_view name) {
  LoadedCassette out;
  Reader reader(name);
  rapidjson::Document document;
  document.Parse<rapidjson::kParseFullPrecisionFlag>(text.data(), text.size());
  if (document.HasParseError()) {
    out.error = "cassette " + std::string(name) + " is not JSON: " + rapidjson::GetParseError_En(document.GetParseError()) +
                " at byte " + std::to_string(document.GetErrorOffset());
    return out;
  }
  auto interactions = document.IsObject() ? document.FindMember("interactions") : document.MemberEnd();
  if (!document.IsObject() || interactions == document.MemberEnd() || !interactions->value.IsArray()) {
    out.error = "cassette " + std::string(name) + " has no \"interactions\" array";
    return out;
  }
  for (rapidjson::SizeType i = 0; i < interactions->value.Size(); ++i) {
    const std::string where = "interactions[" + std::to_string(i) + "]";
    const Value& item = interactions->value[i];
    if (!item.IsObject() || !item.HasMember("request") || !item.HasMember("response")) {
      reader.fail(where, "needs a \"request\" and a \"response\"");
      break;
    }
    Interaction interaction;
    interaction.request = reader.request(item["request"], where + ".request");
    interaction.response = reader.response(item["response"], where + ".response");
    out.interactions.push_back(std::move(interaction));
  }
  out.error = reader.error;
  return out;
}

LoadedCassette read_cassette(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return {{}, "cannot read the cassette " + path};
  std::ostringstream text;
  text << in.rdbuf();
  return parse_cassette(text.str(), path);
}

}  // namespace instructor::cassette
