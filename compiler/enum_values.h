// Which enum values the model sees, and under which words.
#pragma once

#include <string>
#include <vector>

#include <google/protobuf/descriptor.h>

namespace instructor::compiler {

// The word the model writes for `value`: its (instructor.enum_value).name, else its proto name.
std::string ModelName(const google::protobuf::EnumValueDescriptor* value);

// True for the zero value named *_UNSPECIFIED or *_UNKNOWN, which means "not set"
// and is never offered to the model.
bool IsUnsetPlaceholder(const google::protobuf::EnumValueDescriptor* value);

// The values offered to the model, in declaration order (placeholders left out).
std::vector<const google::protobuf::EnumValueDescriptor*> OfferedValues(
    const google::protobuf::EnumDescriptor* enum_type);

// The value of `enum_type` whose proto name or model name is `name`, or null.
const google::protobuf::EnumValueDescriptor* FindValueByAnyName(
    const google::protobuf::EnumDescriptor* enum_type, const std::string& name);

}  // namespace instructor::compiler
