// Gemini's JSON Schema subset (responseJsonSchema, parametersJsonSchema), as
// the structured output guide documents it: type (null included, in type
// arrays), title, description, enum, format, minimum and maximum, items,
// prefixItems, minItems and maxItems, properties, required,
// additionalProperties, propertyOrdering, anyOf, $ref and $defs. Anything
// else is ignored or refused, so it is written into the description instead.
#include <algorithm>
#include <array>
#include <vector>

#include "keyword_sentences.h"
#include "provider_subsets.h"
#include "schema_walk.h"

namespace instructor::schema {
namespace {

constexpr std::array<std::string_view, 20> kGeminiKept = {
    "type",     "title",    "description", "enum",       "minimum",    "maximum",          "items",
    "prefixItems", "minItems", "maxItems", "properties", "required", "additionalProperties", "propertyOrdering",
    "anyOf",    "$ref",     "$defs",       "$id",        "$anchor",    "format"};

// The string formats the guide names; others become words.
constexpr std::array<std::string_view, 3> kGeminiFormats = {"date-time", "date", "time"};

void rewrite_node(JsonValue& node, JsonAllocator& a) {
  // A constant is an enum of one value.
  if (auto c = node.FindMember("const"); c != node.MemberEnd() && !node.HasMember("enum")) {
    JsonValue one(rapidjson::kArrayType);
    one.PushBack(JsonValue(c->value, a), a);
    c->name = json_string("enum", a);
    c->value = one;
  }
  std::vector<std::string> removed;
  for (auto& member : node.GetObject()) {
    const std::string_view keyword = key_of(member.name);
    if (keyword == "format" && !(member.value.IsString() && listed(kGeminiFormats, key_of(member.value)))) {
      removed.emplace_back(keyword);
    } else if (!listed(kGeminiKept, keyword)) {
      removed.emplace_back(keyword);
    }
  }
  move_into_description(node, removed, a);
}

}  // namespace

std::string to_gemini(JsonDocument& schema, std::string_view full_name) {
  auto& a = schema.GetAllocator();
  erase_member(schema, "$schema");
  visit_schemas(schema, std::string(full_name), [&](JsonValue& node, const std::string&) { rewrite_node(node, a); });
  return {};
}

}  // namespace instructor::schema
