// Plain-English sentences for JSON Schema keywords that a provider's schema
// dialect cannot send, so the model still reads the rule in the description
// (validation enforces it locally either way).
#pragma once

#include <string>
#include <vector>

#include "schema_json.h"

namespace instructor::schema {

// One sentence per rule among `keywords` of `node`, e.g. minLength 1 and
// maxLength 120 -> "Between 1 and 120 characters.".
std::vector<std::string> keyword_sentences(const JsonValue& node, const std::vector<std::string>& keywords);

// Removes `keywords` from `node` and appends their sentences to its description.
void move_into_description(JsonValue& node, const std::vector<std::string>& keywords, JsonAllocator& allocator);

}  // namespace instructor::schema
