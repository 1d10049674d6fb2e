// The documented size limits of the providers' schema subsets, checked on a
// dialect's schema before any request is sent, so that a schema a provider
// would refuse with a 400 is a clear error naming the field and the limit.
#pragma once

#include <string>
#include <string_view>

#include "schema_json.h"

namespace instructor::schema {

// OpenAI structured outputs (strict): at most 10 levels of nested objects,
// 5000 object properties in all, 1000 enum values in all, 120,000 characters
// of property names, definition names, enum and const values together, and
// 15,000 characters of values in a string enum of more than 250 values.
// Empty when `schema` (strict dialect of `full_name`) is within them.
std::string check_openai_strict_limits(const JsonValue& schema, std::string_view full_name);

// Anthropic structured outputs: at most 24 optional properties and 16
// properties with union types (anyOf or a type array) across the schema.
std::string check_anthropic_limits(const JsonValue& schema, std::string_view full_name);

}  // namespace instructor::schema
