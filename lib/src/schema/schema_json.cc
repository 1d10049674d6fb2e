#include "schema_json.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace instructor::schema {

bool parse_schema(std::string_view text, JsonDocument& out) {
  out.Parse(text.data(), text.size());
  return !out.HasParseError() && out.IsObject();
}

std::string to_compact_json(const JsonValue& value) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  value.Accept(writer);
  return std::string(buffer.GetString(), buffer.GetSize());
}

std::string_view string_member(const JsonValue& object, std::string_view name) {
  if (!object.IsObject()) return {};
  auto it = object.FindMember(JsonValue(rapidjson::StringRef(name.data(), static_cast<rapidjson::SizeType>(name.size()))));
  if (it == object.MemberEnd() || !it->value.IsString()) return {};
  return {it->value.GetString(), it->value.GetStringLength()};
}

void set_member(JsonValue& object, std::string_view name, JsonValue value, JsonAllocator& allocator) {
  auto it = object.FindMember(JsonValue(rapidjson::StringRef(name.data(), static_cast<rapidjson::SizeType>(name.size()))));
  if (it != object.MemberEnd()) {
    it->value = value;
  } else {
    object.AddMember(json_string(name, allocator), value, allocator);
  }
}

void erase_member(JsonValue& object, std::string_view name) {
  auto it = object.FindMember(JsonValue(rapidjson::StringRef(name.data(), static_cast<rapidjson::SizeType>(name.size()))));
  if (it != object.MemberEnd()) object.EraseMember(it);
}

void append_description(JsonValue& object, std::string_view sentence, JsonAllocator& allocator) {
  std::string text(string_member(object, "description"));
  if (!text.empty()) text += text.back() == '\n' ? "" : " ";
  text += sentence;
  set_member(object, "description", json_string(text, allocator), allocator);
}

}  // namespace instructor::schema
