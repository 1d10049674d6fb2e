// Visiting every subschema of a schema with the field path it describes,
// for the dialects that rewrite keyword by keyword.
#pragma once

#include <algorithm>
#include <array>
#include <functional>
#include <string>

#include "schema_json.h"

namespace instructor::schema {

// What a visitor sees: a schema node and the field it describes ("acme.User.tags[]").
using SchemaVisitor = std::function<void(JsonValue& node, const std::string& path)>;

// Calls `visit` on `node`, then on each of its subschemas (properties,
// items, prefixItems, anyOf/oneOf options, a map's value schema, $defs by
// their names), each after its parent has been visited.
void visit_schemas(JsonValue& node, const std::string& path, const SchemaVisitor& visit);

// The same walk for a visitor that only reads.
using SchemaReader = std::function<void(const JsonValue& node, const std::string& path)>;
void read_schemas(const JsonValue& node, const std::string& path, const SchemaReader& read);

// The name of a member, as a view.
inline std::string_view key_of(const JsonValue& name) { return {name.GetString(), name.GetStringLength()}; }

// True when `word` is one of `list` (a dialect's kept keywords or formats).
template <std::size_t N>
bool listed(const std::array<std::string_view, N>& list, std::string_view word) {
  return std::find(list.begin(), list.end(), word) != list.end();
}

// True when the node's "type" is `type` or an array holding it.
bool has_type(const JsonValue& node, std::string_view type);

}  // namespace instructor::schema
