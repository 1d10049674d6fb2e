// The JSON Schema of a response model as each provider mode sends it. The
// generated schema (2020-12) is the source; a dialect reshapes it for what a
// provider accepts. Each is computed once per type and cached.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "instructor/model_traits.h"

namespace instructor {

enum class SchemaDialect {
  // The generated schema, compact, without "$schema": tools, JSON and MD_JSON modes.
  plain,
  // OpenAI's strict subset (TOOLS_STRICT, JSON_SCHEMA): every property
  // required, optional ones nullable, additionalProperties false everywhere,
  // maps as lists of {"key", "value"} entries, a $ref never next to other
  // keywords, and the keywords strict mode refuses written into the
  // description in plain words (validation still enforces them locally).
  openai_strict,
  // Anthropic's structured outputs (JSON_SCHEMA): additionalProperties false
  // everywhere, "required" as generated, maps as lists of {"key", "value"}
  // entries, numeric and length bounds (and minItems above 1) written into
  // the description; a recursive message is refused.
  anthropic_strict,
  // Gemini's JSON Schema (responseJsonSchema, parametersJsonSchema): what it
  // enforces kept (types, enum, format date/time, minimum/maximum, item
  // counts, anyOf, $ref), the rest (lengths, patterns, exclusive bounds,
  // uniqueness, key rules...) written into the description in plain words.
  gemini,
  // Gemini's older OpenAPI subset (responseSchema, function parameters):
  // upper-case types, nullable instead of a null type, references inlined,
  // maps as lists of {"key", "value"} entries, propertyOrdering as
  // generated; a recursive message or a free-form Struct is refused.
  gemini_openapi,
  // Ollama's format (turned into a llama.cpp grammar): types, enums,
  // lengths, anchored patterns, integer bounds, item counts, anyOf and
  // #/$defs references kept; references to the root moved under $defs; the
  // rest written into the description.
  ollama,
};

// A dialect of a schema, or why the schema cannot be written in it.
struct DialectSchema {
  std::shared_ptr<const std::string> json;  // null on error
  std::string error;                        // e.g. "attributes: google.protobuf.Struct ... strict mode"
  bool ok() const { return json != nullptr; }
};

// The schema `generated_schema` of the message `full_name` in `dialect`;
// cached by (full_name, dialect), so the first call per type does the work.
DialectSchema dialect_schema(std::string_view full_name, std::string_view generated_schema, SchemaDialect dialect);

template <ResponseModel T>
DialectSchema dialect_schema(SchemaDialect dialect) {
  return dialect_schema(ModelTraits<T>::full_name, ModelTraits<T>::json_schema, dialect);
}

// The schema of a list of items, {"items": [<item>...]}, for iterables: the
// item's schema moves under $defs (its "#" references follow it). Cached.
std::shared_ptr<const std::string> list_schema(std::string_view item_full_name, std::string_view item_title,
                                               std::string_view item_schema);

// A name the providers accept for a tool or schema (letters, digits, '_' and
// '-', at most 64 characters) made from a title: "Support ticket" -> "Support_ticket".
std::string api_name(std::string_view title);

}  // namespace instructor
