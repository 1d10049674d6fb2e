#include "generator.h"

#include <memory>

#include <google/protobuf/io/zero_copy_stream.h>
#include <google/protobuf/io/coded_stream.h>

#include "cpp_output.h"
#include "message_schema.h"
#include "messages_of_file.h"
#include "option_checks.h"
#include "validator_output.h"

namespace instructor::compiler {
namespace {

struct Parameters {
  bool code = true;
  bool schemas = true;
};

// Parses "key=value,key=value"; false with `error` set on an unknown key or value.
bool ParseParameters(const std::string& text, Parameters& parameters, std::string& error) {
  std::vector<std::pair<std::string, std::string>> pairs;
  google::protobuf::compiler::ParseGeneratorParameter(text, &pairs);
  for (const auto& [key, value] : pairs) {
    bool* flag = key == "code" ? &parameters.code : key == "schemas" ? &parameters.schemas : nullptr;
    if (flag == nullptr || (value != "true" && value != "false")) {
      error = "unknown parameter \"" + key + "=" + value +
              "\"; protoc-gen-instructor takes code=true|false and schemas=true|false";
      return false;
    }
    *flag = value == "true";
  }
  return true;
}

void WriteFile(google::protobuf::compiler::GeneratorContext* context, const std::string& name,
               const std::string& content) {
  std::unique_ptr<google::protobuf::io::ZeroCopyOutputStream> stream(context->Open(name));
  google::protobuf::io::CodedOutputStream output(stream.get());
  output.WriteString(content);
}

}  // namespace

bool Generator::Generate(const google::protobuf::FileDescriptor* file, const std::string& parameter,
                         google::protobuf::compiler::GeneratorContext* context,
                         std::string* error) const {
  Parameters parameters;
  if (!ParseParameters(parameter, parameters, *error)) return false;

  if (const auto problems = CheckOptions(file); !problems.empty()) {
    for (const auto& problem : problems) *error += (error->empty() ? "" : "\n") + problem;
    return false;
  }

  SchemaTexts schemas;
  for (const auto* message : MessagesOfFile(file)) {
    schemas[message] = MessageSchema(message).ToJson();
    if (parameters.schemas) WriteFile(context, message->full_name() + ".schema.json", schemas[message] + "\n");
  }
  if (parameters.code) {
    WriteFile(context, HeaderFileName(file), GenerateHeader(file, schemas));
    WriteFile(context, SourceFileName(file), GenerateValidators(file));
  }
  return true;
}

}  // namespace instructor::compiler
