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

// The JSON Schema "format" of a string format rule, or "" when none is set.
const char* FormatKeyword(const StringRules& rules);

}  // namespace instructor::compiler
