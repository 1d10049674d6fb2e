// The JSON forms of protobuf's well-known types (google/protobuf/*.proto).
#pragma once

#include <google/protobuf/descriptor.h>

#include "schema_node.h"

namespace instructor::compiler {

// True for a google.protobuf message with a JSON form of its own (Timestamp,
// Duration, the wrappers, Struct, Value, ListValue, FieldMask, Empty, Any).
bool IsWellKnownType(const google::protobuf::Descriptor* message);

// True for google.protobuf.Any, which no schema can describe.
bool IsAny(const google::protobuf::Descriptor* message);

// True for the well-known types whose JSON form may be null (the wrappers and
// Value): the model answers "no value" with null, so a required one may be null.
bool AcceptsNull(const google::protobuf::Descriptor* message);

// Sets the keywords and type description of a well-known type other than Any.
void DescribeWellKnownType(const google::protobuf::Descriptor* message, SchemaNode& node);

}  // namespace instructor::compiler
