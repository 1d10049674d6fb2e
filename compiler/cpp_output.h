// The C++ files written for one .proto: `foo.instructor.h` with a
// ModelTraits<T> specialization per message, and `foo.instructor.cc`.
#pragma once

#include <map>
#include <string>

#include <google/protobuf/descriptor.h>

namespace instructor::compiler {

// Each message's JSON Schema text, by message.
using SchemaTexts = std::map<const google::protobuf::Descriptor*, std::string>;

std::string HeaderFileName(const google::protobuf::FileDescriptor* file);
std::string SourceFileName(const google::protobuf::FileDescriptor* file);

// The function that registers a file's messages for validate(const Message&):
// "register_models_of_golden_2feverything_2eproto" for "golden/everything.proto"
// (letters and digits kept, any other byte as "_" and two hex digits, as
// protobuf names its descriptor tables, so two files never share a name).
std::string RegistrationFunction(const google::protobuf::FileDescriptor* file);

std::string GenerateHeader(const google::protobuf::FileDescriptor* file, const SchemaTexts& schemas);

// `text` as a C++ string literal: quotes, backslashes and control characters
// escaped, UTF-8 left as it is so the generated code stays readable.
std::string CppStringLiteral(const std::string& text);

}  // namespace instructor::compiler
