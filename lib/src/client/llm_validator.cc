// llm_validator: the judge's verdict type (built at run time), the question it
// is asked, and its answer turned into violations.
#include "instructor/llm_validator.h"

#include <google/protobuf/descriptor.pb.h>
#include <google/protobuf/dynamic_message.h>
#include <google/protobuf/util/json_util.h>

#include "instructor/detail/call.h"

namespace instructor {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::FieldDescriptorProto;
using google::protobuf::Message;

constexpr std::string_view kVerdictSchema = R"({
  "title": "Verdict",
  "description": "Whether the value satisfies the statement.",
  "type": "object",
  "properties": {
    "is_valid": {"type": "boolean", "description": "True when the value satisfies the statement."},
    "reason": {"type": "string", "description": "When it does not: why, in one sentence the writer can act on; else empty."}
  },
  "required": ["is_valid", "reason"],
  "additionalProperties": false
})";

// instructor.judge.Verdict {bool is_valid = 1; string reason = 2;}, in a pool of its own.
struct VerdictType {
  VerdictType() : factory(&pool) {
    google::protobuf::FileDescriptorProto file;
    file.set_name("instructor/judge/verdict.proto");
    file.set_package("instructor.judge");
    file.set_syntax("proto3");
    auto* message = file.add_message_type();
    message->set_name("Verdict");
    auto add = [&](const char* name, int number, FieldDescriptorProto::Type type) {
      auto* field = message->add_field();
      field->set_name(name);
      field->set_number(number);
      field->set_label(FieldDescriptorProto::LABEL_OPTIONAL);
      field->set_type(type);
    };
    add("is_valid", 1, FieldDescriptorProto::TYPE_BOOL);
    add("reason", 2, FieldDescriptorProto::TYPE_STRING);
    descriptor = pool.BuildFile(file)->message_type(0);
    info = detail::ModelInfo{descriptor,        "instructor.judge.Verdict",
                             "Verdict",         "Whether the value satisfies the statement.",
                             kVerdictSchema,    [](const Message&, ValidationContext&) {},
                             factory.GetPrototype(descriptor)};
  }

  google::protobuf::DescriptorPool pool;
  google::protobuf::DynamicMessageFactory factory;
  const Descriptor* descriptor = nullptr;
  detail::ModelInfo info{};
};

const VerdictType& verdict_type() {
  static const VerdictType* type = new VerdictType();  // never destroyed: calls may outlive main's statics
  return *type;
}

std::string scalar_text(const Message& holder, const FieldDescriptor* field) {
  const auto* reflection = holder.GetReflection();
  switch (field->cpp_type()) {
    case FieldDescriptor::CPPTYPE_INT32: return std::to_string(reflection->GetInt32(holder, field));
    case FieldDescriptor::CPPTYPE_INT64: return std::to_string(reflection->GetInt64(holder, field));
    case FieldDescriptor::CPPTYPE_UINT32: return std::to_string(reflection->GetUInt32(holder, field));
    case FieldDescriptor::CPPTYPE_UINT64: return std::to_string(reflection->GetUInt64(holder, field));
    case FieldDescriptor::CPPTYPE_DOUBLE: return std::to_string(reflection->GetDouble(holder, field));
    case FieldDescriptor::CPPTYPE_FLOAT: return std::to_string(reflection->GetFloat(holder, field));
    case FieldDescriptor::CPPTYPE_BOOL: return reflection->GetBool(holder, field) ? "true" : "false";
    case FieldDescriptor::CPPTYPE_ENUM: return reflection->GetEnum(holder, field)->name();
    default: return reflection->GetString(holder, field);
  }
}

// The value at `path` as the judge reads it: strings as they are, the rest as JSON.
std::string value_at(const Message& message, const std::string& path, std::string& error) {
  const Message* holder = &message;
  std::size_t start = 0;
  while (!path.empty()) {
    const std::size_t dot = path.find('.', start);
    const std::string name = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    const FieldDescriptor* field = holder->GetDescriptor()->FindFieldByName(name);
    if (field == nullptr || field->is_repeated()) {
      error = "llm_validator: \"" + path + "\" names no singular field of " + holder->GetDescriptor()->full_name();
      return "";
    }
    const auto* reflection = holder->GetReflection();
    if (dot == std::string::npos) {
      if (field->cpp_type() == FieldDescriptor::CPPTYPE_STRING) return reflection->GetString(*holder, field);
      if (field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
        holder = &reflection->GetMessage(*holder, field);
        break;
      }
      return scalar_text(*holder, field);
    }
    if (field->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE) {
      error = "llm_validator: \"" + path + "\" goes through " + name + ", which is not a message";
      return "";
    }
    holder = &reflection->GetMessage(*holder, field);
    start = dot + 1;
  }
  std::string json;
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  google::protobuf::util::MessageToJsonString(*holder, &json, options);
  return json;
}

Violations verdict_violations(const detail::CallOutcome& outcome, const std::string& field) {
  Violations found;
  if (outcome.error) {
    found.add({field, "llm_validator.unavailable", "the judging model gave no verdict: " + outcome.error->message(), ""});
    return found;
  }
  const Message& verdict = *outcome.values.front();
  const Descriptor* type = verdict.GetDescriptor();
  const auto* reflection = verdict.GetReflection();
  if (reflection->GetBool(verdict, type->FindFieldByNumber(1))) return found;
  std::string reason = reflection->GetString(verdict, type->FindFieldByNumber(2));
  if (reason.empty()) reason = "does not satisfy the statement";
  found.add({field, "llm_validator", std::move(reason), ""});
  return found;
}

}  // namespace

AsyncValidator llm_validator(Client judge, std::string field, std::string statement) {
  return [core = judge.core_, field = std::move(field), statement = std::move(statement)](
             const Message& message, std::function<void(Violations)> done) {
    std::string error;
    std::string value = value_at(message, field, error);
    if (!error.empty()) {
      Violations found;
      found.add({field, "llm_validator.field", std::move(error), ""});
      done(std::move(found));
      return;
    }
    Request question{.messages = {system("You check whether a value satisfies a statement. Answer with is_valid, "
                                         "and when it is false, the reason in one sentence the writer can act on."),
                                  user("Statement: " + statement + "\nValue: " + value)}};
    detail::CallSpec spec;
    spec.models = {&verdict_type().info};
    detail::start_call(core, std::move(spec), std::move(question),
                       detail::OutcomeCallback([field, done = std::move(done)](detail::CallOutcome outcome) mutable {
                         done(verdict_violations(outcome, field));
                       }));
  };
}

}  // namespace instructor
