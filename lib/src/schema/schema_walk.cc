#include "schema_walk.h"

namespace instructor::schema {

namespace {

// One walk for both constnesses: `Node` is JsonValue or const JsonValue.
template <typename Node, typename Visitor>
void walk(Node& node, const std::string& path, const Visitor& visit) {
  if (!node.IsObject()) return;
  visit(node, path);
  for (auto& member : node.GetObject()) {
    const std::string_view keyword = key_of(member.name);
    auto& value = member.value;
    if ((keyword == "properties" || keyword == "$defs") && value.IsObject()) {
      for (auto& child : value.GetObject()) {
        const std::string name(key_of(child.name));
        walk(child.value, keyword == "$defs" ? name : path + "." + name, visit);
      }
    } else if (keyword == "items") {
      walk(value, path + "[]", visit);
    } else if ((keyword == "prefixItems" || keyword == "anyOf" || keyword == "oneOf") && value.IsArray()) {
      for (auto& option : value.GetArray()) walk(option, keyword == "prefixItems" ? path + "[]" : path, visit);
    } else if (keyword == "additionalProperties" && value.IsObject()) {
      walk(value, path + "{}", visit);
    }
  }
}

}  // namespace

void visit_schemas(JsonValue& node, const std::string& path, const SchemaVisitor& visit) { walk(node, path, visit); }

void read_schemas(const JsonValue& node, const std::string& path, const SchemaReader& read) { walk(node, path, read); }

bool has_type(const JsonValue& node, std::string_view type) {
  auto it = node.FindMember("type");
  if (it == node.MemberEnd()) return false;
  if (it->value.IsString()) return key_of(it->value) == type;
  if (it->value.IsArray()) {
    for (const auto& t : it->value.GetArray())
      if (t.IsString() && key_of(t) == type) return true;
  }
  return false;
}

}  // namespace instructor::schema
