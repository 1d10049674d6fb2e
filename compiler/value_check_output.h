// How generated validators check one value (a singular field, a list item, a
// map key or a map value) against its typed rules.
#pragma once

#include <string>

#include <google/protobuf/descriptor.h>

#include "code_writer.h"
#include "value_rules.h"

namespace instructor::compiler {

// The table of words for `enum_type`, e.g. kGoldenPriorityNames for golden.Priority.
std::string NameTable(const google::protobuf::EnumDescriptor* enum_type);

// A message field whose type has a generated validator (not a well-known type).
bool IsGeneratedMessage(const google::protobuf::FieldDescriptor* field);

// Whether a value of `field`'s type under `rules` has anything to check.
bool HasValueChecks(const google::protobuf::FieldDescriptor* field, const ValueRules& rules);

// Writes the checks of the value named `var` whose type is `field`'s.
void WriteValueChecks(CodeWriter& out, const google::protobuf::FieldDescriptor* field, const ValueRules& rules,
                      const std::string& var);

}  // namespace instructor::compiler
