// protoc-gen-instructor's code generator: for each .proto it writes
// `foo.instructor.h`, `foo.instructor.cc` and `<full.message.name>.schema.json`.
#pragma once

#include <string>

#include <google/protobuf/compiler/code_generator.h>

namespace instructor::compiler {

// Parameters (--instructor_opt=...): `code=false` writes no C++ files,
// `schemas=false` writes no .schema.json files.
class Generator : public google::protobuf::compiler::CodeGenerator {
 public:
  bool Generate(const google::protobuf::FileDescriptor* file, const std::string& parameter,
                google::protobuf::compiler::GeneratorContext* context,
                std::string* error) const override;

  uint64_t GetSupportedFeatures() const override { return FEATURE_PROTO3_OPTIONAL; }
};

}  // namespace instructor::compiler
