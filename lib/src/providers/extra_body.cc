#include "extra_body.h"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace instructor::providers {

std::string merge_extra_body(std::string& body, std::string_view extra) {
  rapidjson::Document additions;
  additions.Parse(extra.data(), extra.size());
  if (additions.HasParseError()) {
    return "extra_body is not JSON: " + std::string(rapidjson::GetParseError_En(additions.GetParseError())) +
           " (byte " + std::to_string(additions.GetErrorOffset()) + ")";
  }
  if (!additions.IsObject()) return "extra_body must be a JSON object";
  rapidjson::Document merged;
  merged.Parse(body.data(), body.size());
  auto& a = merged.GetAllocator();
  for (auto& member : additions.GetObject()) {
    merged.RemoveMember(member.name);
    merged.AddMember(rapidjson::Value(member.name, a), rapidjson::Value(member.value, a), a);
  }
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  merged.Accept(writer);
  body.assign(buffer.GetString(), buffer.GetSize());
  return {};
}

}  // namespace instructor::providers
