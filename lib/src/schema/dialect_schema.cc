// The schema dialects of instructor/schema.h, computed once per type and kept.
#include <mutex>
#include <unordered_map>

#include "instructor/schema.h"
#include "provider_limits.h"
#include "provider_subsets.h"
#include "schema_json.h"
#include "strict_subset.h"

namespace instructor {
namespace {

// Cached schemas by "<dialect>:<full name>". Entries are never removed: one per
// response model type and dialect the program uses.
class SchemaCache {
 public:
  template <typename Make>
  DialectSchema get(const std::string& key, Make make) {
    {
      std::lock_guard lock(mutex_);
      if (auto it = entries_.find(key); it != entries_.end()) return it->second;
    }
    DialectSchema made = make();  // outside the lock: two threads may both make it; one is kept
    std::lock_guard lock(mutex_);
    return entries_.try_emplace(key, std::move(made)).first->second;
  }

 private:
  std::mutex mutex_;
  std::unordered_map<std::string, DialectSchema> entries_;
};

SchemaCache& cache() {
  static SchemaCache instance;
  return instance;
}

// The dialect's rewrite of `doc` in place, then the provider's documented limits.
std::string rewrite(schema::JsonDocument& doc, std::string_view full_name, SchemaDialect dialect) {
  std::string error;
  switch (dialect) {
    case SchemaDialect::plain: return {};
    case SchemaDialect::openai_strict:
      error = schema::to_openai_strict(doc, full_name);
      return error.empty() ? schema::check_openai_strict_limits(doc, full_name) : error;
    case SchemaDialect::anthropic_strict:
      error = schema::to_anthropic_strict(doc, full_name);
      return error.empty() ? schema::check_anthropic_limits(doc, full_name) : error;
    case SchemaDialect::gemini: return schema::to_gemini(doc, full_name);
    case SchemaDialect::gemini_openapi: return schema::to_gemini_openapi(doc, full_name);
    case SchemaDialect::ollama: return schema::to_ollama(doc, full_name);
  }
  return {};
}

DialectSchema make_dialect(std::string_view full_name, std::string_view generated, SchemaDialect dialect) {
  schema::JsonDocument doc;
  if (!schema::parse_schema(generated, doc)) return {nullptr, std::string(full_name) + ": the schema is not a JSON object"};
  schema::erase_member(doc, "$schema");
  if (std::string error = rewrite(doc, full_name, dialect); !error.empty()) return {nullptr, error};
  return {std::make_shared<const std::string>(schema::to_compact_json(doc)), {}};
}

std::string_view dialect_key(SchemaDialect dialect) {
  switch (dialect) {
    case SchemaDialect::plain: return "plain:";
    case SchemaDialect::openai_strict: return "openai_strict:";
    case SchemaDialect::anthropic_strict: return "anthropic_strict:";
    case SchemaDialect::gemini: return "gemini:";
    case SchemaDialect::gemini_openapi: return "gemini_openapi:";
    case SchemaDialect::ollama: return "ollama:";
  }
  return "?:";
}

// Every {"$ref": "#"} below `value` now points at `target`.
void retarget_root_refs(schema::JsonValue& value, const schema::JsonValue& target, schema::JsonAllocator& a) {
  if (value.IsObject()) {
    for (auto& member : value.GetObject()) {
      if (std::string_view(member.name.GetString()) == "$ref" && member.value.IsString() &&
          std::string_view(member.value.GetString()) == "#") {
        member.value.CopyFrom(target, a);
      } else {
        retarget_root_refs(member.value, target, a);
      }
    }
  } else if (value.IsArray()) {
    for (auto& item : value.GetArray()) retarget_root_refs(item, target, a);
  }
}

std::string make_list_schema(std::string_view full_name, std::string_view title, std::string_view item_schema) {
  using schema::json_string;
  schema::JsonDocument item;
  if (!schema::parse_schema(item_schema, item)) return {};
  auto& a = item.GetAllocator();
  const std::string ref = "#/$defs/" + std::string(full_name);
  retarget_root_refs(item, json_string(ref, a), a);

  schema::JsonValue defs(rapidjson::kObjectType);
  if (auto it = item.FindMember("$defs"); it != item.MemberEnd()) {
    defs.Swap(it->value);
    schema::erase_member(item, "$defs");
  }
  schema::erase_member(item, "$schema");
  defs.AddMember(json_string(full_name, a), schema::JsonValue(item, a), a);

  schema::JsonDocument list;
  auto& la = list.GetAllocator();
  list.SetObject();
  list.AddMember("title", json_string(std::string(title) + " list", la), la);
  list.AddMember("description", json_string("Every " + std::string(title) + " found, in order.", la), la);
  list.AddMember("type", "object", la);
  schema::JsonValue items(rapidjson::kObjectType);
  items.AddMember("type", "array", la);
  schema::JsonValue item_ref(rapidjson::kObjectType);
  item_ref.AddMember("$ref", json_string(ref, la), la);
  items.AddMember("items", item_ref, la);
  schema::JsonValue properties(rapidjson::kObjectType);
  properties.AddMember("items", items, la);
  list.AddMember("properties", properties, la);
  schema::JsonValue required(rapidjson::kArrayType);
  required.PushBack("items", la);
  list.AddMember("required", required, la);
  list.AddMember("additionalProperties", false, la);
  list.AddMember("$defs", schema::JsonValue(defs, la), la);
  return schema::to_compact_json(list);
}

}  // namespace

DialectSchema dialect_schema(std::string_view full_name, std::string_view generated_schema, SchemaDialect dialect) {
  std::string key(dialect_key(dialect));
  key += full_name;
  return cache().get(key, [&] { return make_dialect(full_name, generated_schema, dialect); });
}

std::shared_ptr<const std::string> list_schema(std::string_view item_full_name, std::string_view item_title,
                                               std::string_view item_schema) {
  std::string key = "list:" + std::string(item_full_name);
  return cache()
      .get(key,
           [&] {
             return DialectSchema{std::make_shared<const std::string>(
                                      make_list_schema(item_full_name, item_title, item_schema)),
                                  {}};
           })
      .json;
}

std::string api_name(std::string_view title) {
  std::string name;
  for (char c : title) {
    bool allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    name += allowed ? c : '_';
    if (name.size() == 64) break;
  }
  return name.empty() ? "response" : name;
}

}  // namespace instructor
