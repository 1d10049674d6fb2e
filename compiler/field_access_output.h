// The direct field access written into foo.instructor.cc for the JSON mapper
// (instructor/detail/field_access.h): per message, a table of small functions
// that call the generated setters, adders, mutable_ and _size accessors.
#pragma once

#include <string>
#include <vector>

#include <google/protobuf/descriptor.h>

#include "code_writer.h"

namespace instructor::compiler {

// Writes each message's table of field access, in an unnamed namespace.
void WriteFieldAccessTables(CodeWriter& out, const google::protobuf::FileDescriptor* file);

// The statements that register those tables, one per message.
std::vector<std::string> FieldAccessRegistrations(const google::protobuf::FileDescriptor* file);

}  // namespace instructor::compiler
