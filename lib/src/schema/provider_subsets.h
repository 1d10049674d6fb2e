// The schema dialects of providers that decode under their own JSON Schema
// subsets without a strict mode's rules (Gemini, Ollama), made from a
// generated schema: kept where the subset enforces it, moved into the
// description in plain words where it does not (validation still enforces
// every rule locally), refused with an error naming the field where the
// subset cannot say it at all.
#pragma once

#include <string>
#include <string_view>

#include "schema_json.h"

namespace instructor::schema {

// Gemini's responseJsonSchema / parametersJsonSchema subset, in place.
// Never fails: what Gemini does not enforce becomes words.
std::string to_gemini(JsonDocument& schema, std::string_view full_name);

// Gemini's older OpenAPI subset (responseSchema / parameters): upper-case
// types, nullable, references inlined, maps as lists of {"key", "value"}
// entries. Returns an error naming the field for a recursive message and a
// free-form Struct, Value or ListValue.
std::string to_gemini_openapi(JsonDocument& schema, std::string_view full_name);

// What Ollama's format (a llama.cpp grammar made from the schema) enforces,
// in place: references to the root moved under $defs, the rest in words.
std::string to_ollama(JsonDocument& schema, std::string_view full_name);

}  // namespace instructor::schema
