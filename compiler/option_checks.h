// Refuses contradictory or invalid (instructor.*) options before any code or
// schema is written, so a mistake in a .proto is a protoc error, not a
// surprise at run time.
#pragma once

#include <string>
#include <vector>

#include <google/protobuf/descriptor.h>

namespace instructor::compiler {

// One line per problem in `file`: "<full.name.of.field>: <what is wrong>"
// (protoc puts the file name in front).
std::vector<std::string> CheckOptions(const google::protobuf::FileDescriptor* file);

}  // namespace instructor::compiler
