// Reading fields of a parsed (RapidJSON DOM) provider document: the adapters
// whose documents are small and read whole (Anthropic, Gemini).
#pragma once

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "reply.h"

namespace instructor::providers::json_fields {

// A member of an object, or null.
inline const rapidjson::Value* member(const rapidjson::Value& object, const char* key) {
  if (!object.IsObject()) return nullptr;
  auto it = object.FindMember(key);
  return it == object.MemberEnd() ? nullptr : &it->value;
}

// A string member, or empty.
inline std::string_view string_of(const rapidjson::Value& object, const char* key) {
  const rapidjson::Value* value = member(object, key);
  if (value == nullptr || !value->IsString()) return {};
  return {value->GetString(), value->GetStringLength()};
}

// A numeric member, or nothing.
inline std::optional<std::int64_t> count_of(const rapidjson::Value& object, const char* key) {
  const rapidjson::Value* value = member(object, key);
  if (value == nullptr || !value->IsNumber()) return std::nullopt;
  return value->IsInt64() ? value->GetInt64() : static_cast<std::int64_t>(value->GetDouble());
}

// A value as compact JSON text.
inline std::string compact(const rapidjson::Value& value) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  value.Accept(writer);
  return {buffer.GetString(), buffer.GetSize()};
}

// Reports a document that did not parse (or is not an object) as the provider's error.
inline void report_not_json(std::string_view what, const rapidjson::Document& doc, std::string_view text,
                            ReplySink& sink) {
  ProviderError error;
  const std::string why = doc.HasParseError() ? std::string(rapidjson::GetParseError_En(doc.GetParseError())) +
                                                    " at byte " + std::to_string(doc.GetErrorOffset())
                                              : std::string("not an object");
  error.message = std::string(what) + " is not a JSON object (" + why + "): " + std::string(text.substr(0, 200));
  error.type = "invalid_response";
  sink.error(std::move(error));
}

// An SSE event's data without the trailing spaces and line ends some providers pad it with.
inline std::string_view trimmed(std::string_view data) {
  while (!data.empty() && (data.back() == ' ' || data.back() == '\r' || data.back() == '\n')) data.remove_suffix(1);
  return data;
}

}  // namespace instructor::providers::json_fields
