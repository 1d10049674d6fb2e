// What Ollama's structured outputs enforce: Ollama turns `format` into a
// grammar with llama.cpp's json-schema-to-grammar, which understands type
// (and type arrays), enum, const, properties, required,
// additionalProperties, items, prefixItems, minItems, maxItems, anyOf,
// oneOf, minLength, maxLength, a pattern anchored with ^...$, the formats
// date, time and date-time, bounds on integers (not on numbers), and
// references of the form #/$defs/name (not "#"). Everything else is ignored
// by the grammar, so it is written into the description.
#include <algorithm>
#include <array>
#include <vector>

#include "keyword_sentences.h"
#include "provider_subsets.h"
#include "schema_walk.h"

namespace instructor::schema {
namespace {

constexpr std::array<std::string_view, 20> kOllamaKept = {
    "type",      "title",     "description", "enum",        "const",    "properties", "required",
    "additionalProperties", "items", "prefixItems", "minItems", "maxItems", "anyOf", "oneOf",
    "minLength", "maxLength", "$ref",        "$defs",       "pattern",  "format"};

constexpr std::array<std::string_view, 3> kOllamaFormats = {"date", "time", "date-time"};

constexpr std::array<std::string_view, 4> kIntegerBounds = {"minimum", "maximum", "exclusiveMinimum",
                                                            "exclusiveMaximum"};

// llama.cpp refuses a pattern that is not anchored at both ends.
bool anchored(const JsonValue& pattern) {
  if (!pattern.IsString()) return false;
  const std::string_view p = key_of(pattern);
  return p.size() >= 2 && p.front() == '^' && p.back() == '$';
}

bool integer_only(const JsonValue& node) {
  auto type = node.FindMember("type");
  return type != node.MemberEnd() && type->value.IsString() && key_of(type->value) == "integer";
}

void rewrite_node(JsonValue& node, JsonAllocator& a) {
  std::vector<std::string> removed;
  for (auto& member : node.GetObject()) {
    const std::string_view keyword = key_of(member.name);
    bool kept = listed(kOllamaKept, keyword);
    if (keyword == "pattern") kept = anchored(member.value);
    if (keyword == "format") kept = member.value.IsString() && listed(kOllamaFormats, key_of(member.value));
    if (listed(kIntegerBounds, keyword)) kept = integer_only(node);
    if (!kept) removed.emplace_back(keyword);
  }
  move_into_description(node, removed, a);
}

// Every {"$ref": "#"} below `value` becomes {"$ref": `target`}.
void retarget_root_refs(JsonValue& value, std::string_view target, JsonAllocator& a) {
  if (value.IsObject()) {
    for (auto& member : value.GetObject()) {
      if (key_of(member.name) == "$ref" && member.value.IsString() && key_of(member.value) == "#") {
        member.value = json_string(target, a);
      } else {
        retarget_root_refs(member.value, target, a);
      }
    }
  } else if (value.IsArray()) {
    for (auto& item : value.GetArray()) retarget_root_refs(item, target, a);
  }
}

bool refers_to_root(const JsonValue& value) {
  if (value.IsObject()) {
    for (const auto& member : value.GetObject()) {
      if (key_of(member.name) == "$ref" && member.value.IsString() && key_of(member.value) == "#") return true;
      if (refers_to_root(member.value)) return true;
    }
  } else if (value.IsArray()) {
    for (const auto& item : value.GetArray())
      if (refers_to_root(item)) return true;
  }
  return false;
}

// llama.cpp resolves only "#/..." references: a message that contains itself
// through the root gets a copy of the root under $defs to point at.
void move_root_refs_under_defs(JsonDocument& schema, std::string_view full_name) {
  if (!refers_to_root(schema)) return;
  auto& a = schema.GetAllocator();
  const std::string target = "#/$defs/" + std::string(full_name);
  retarget_root_refs(schema, target, a);
  JsonValue copy(schema, a);
  erase_member(copy, "$defs");
  if (!schema.HasMember("$defs")) schema.AddMember("$defs", JsonValue(rapidjson::kObjectType), a);
  set_member(schema["$defs"], full_name, std::move(copy), a);
}

}  // namespace

std::string to_ollama(JsonDocument& schema, std::string_view full_name) {
  auto& a = schema.GetAllocator();
  erase_member(schema, "$schema");
  move_root_refs_under_defs(schema, full_name);
  visit_schemas(schema, std::string(full_name), [&](JsonValue& node, const std::string&) { rewrite_node(node, a); });
  return {};
}

}  // namespace instructor::schema
