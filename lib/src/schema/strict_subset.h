// The strict JSON Schema subsets providers enforce with constrained decoding
// (OpenAI's strict mode, Anthropic's structured outputs), made from a
// generated schema: kept where the subset can say it, moved into the
// description in plain words where it cannot, refused with a clear error
// naming the field where neither works.
#pragma once

#include <string>
#include <string_view>

#include "schema_json.h"

namespace instructor::schema {

// Rewrites `schema` (a parsed generated schema of message `full_name`) in
// place into OpenAI's strict dialect. Returns an error naming the field when
// a part cannot be expressed (a free-form Struct, Value or ListValue).
std::string to_openai_strict(JsonDocument& schema, std::string_view full_name);

// The same for Anthropic's structured outputs: required lists kept as they
// are, no numeric or length bounds, minItems only 0 or 1, no recursion.
std::string to_anthropic_strict(JsonDocument& schema, std::string_view full_name);

}  // namespace instructor::schema
