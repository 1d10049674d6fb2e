// The validators written into `foo.instructor.cc`: one
// ModelTraits<T>::validate per message, straight-line calls into
// instructor/validation_checks.h for every rule the .proto declares.
#pragma once

#include <string>

#include <google/protobuf/descriptor.h>

namespace instructor::compiler {

std::string GenerateValidators(const google::protobuf::FileDescriptor* file);

}  // namespace instructor::compiler
