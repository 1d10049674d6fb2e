// Turns (instructor.field) rules into JSON Schema keywords where JSON Schema
// has one, and into plain sentences in the description where it has none.
#pragma once

#include "instructor/options.pb.h"
#include "schema_node.h"

namespace instructor::compiler {

void ApplyStringRules(const StringRules& rules, SchemaNode& node);
void ApplyIntegerRules(const IntegerRules& rules, SchemaNode& node);
void ApplyNumberRules(const NumberRules& rules, SchemaNode& node);
void ApplyBytesRules(const BytesRules& rules, SchemaNode& node);
void ApplyRepeatedRules(const RepeatedRules& rules, SchemaNode& array_node);
void ApplyMapRules(const MapRules& rules, SchemaNode& object_node);

// Integer rules on a map key, whose schema is a string: sentences only.
void DescribeIntegerRules(const IntegerRules& rules, SchemaNode& node);

// A string format rule as JSON Schema and generated C++ name it.
struct StringFormat {
  StringRules::FormatCase rule;
  const char* keyword;     // JSON Schema's "format": "date-time"
  const char* enumerator;  // instructor::check::Format::kDateTime
};

// The format `rules` sets, or null.
const StringFormat* FormatOf(const StringRules& rules);

}  // namespace instructor::compiler
