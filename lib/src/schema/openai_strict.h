// OpenAI's strict JSON Schema subset, made from a generated schema.
#pragma once

#include <string>
#include <string_view>

#include "schema_json.h"

namespace instructor::schema {

// Rewrites `schema` (a parsed generated schema of message `full_name`) in
// place into OpenAI's strict dialect. Returns an error naming the field when
// a part cannot be expressed (a free-form Struct, Value or ListValue).
std::string to_openai_strict(JsonDocument& schema, std::string_view full_name);

}  // namespace instructor::schema
