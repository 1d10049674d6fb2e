// Which fields the model must write.
#pragma once

#include <google/protobuf/descriptor.h>

namespace instructor::compiler {

// Every field is required, except a proto3 `optional` (or proto2 `optional`)
// field, a member of a real oneof, and a repeated or map field (missing means
// empty) unless it has `min_items` or `min_pairs` of 1 or more.
// (instructor.field).required makes any field required.
bool IsRequired(const google::protobuf::FieldDescriptor* field);

}  // namespace instructor::compiler
