// RapidJSON glue for the schema dialects: parse a generated schema, write one
// back compactly, and edit descriptions.
#pragma once

#include <rapidjson/document.h>

#include <string>
#include <string_view>

namespace instructor::schema {

using JsonValue = rapidjson::Value;
using JsonDocument = rapidjson::Document;
using JsonAllocator = rapidjson::Document::AllocatorType;

// Parses a schema the compiler generated; false when it is not JSON (a bug).
bool parse_schema(std::string_view text, JsonDocument& out);

// The value as compact JSON text.
std::string to_compact_json(const JsonValue& value);

// A member's string value, or empty.
std::string_view string_member(const JsonValue& object, std::string_view name);

// Sets a member in place (keeping the member order), or appends it.
void set_member(JsonValue& object, std::string_view name, JsonValue value, JsonAllocator& allocator);

// Removes a member, keeping the order of the others (RapidJSON's RemoveMember does not).
void erase_member(JsonValue& object, std::string_view name);

// Adds a sentence to the object's "description" (creating it when absent).
void append_description(JsonValue& object, std::string_view sentence, JsonAllocator& allocator);

// A string value that owns a copy of `text`.
inline JsonValue json_string(std::string_view text, JsonAllocator& allocator) {
  return JsonValue(text.data(), static_cast<rapidjson::SizeType>(text.size()), allocator);
}

}  // namespace instructor::schema
