// validate(const google::protobuf::Message&): the generated validator found by
// type name; a message of another implementation (a DynamicMessage) is
// validated as a copy in the generated class, its presence record carried over.
#include <memory>
#include <stdexcept>
#include <string>
#include <typeinfo>
#include <vector>

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>

#include "instructor/presence.h"
#include "instructor/validate.h"
#include "model_registry.h"

namespace instructor {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;

// One value of a scalar field, from `from` to `to`: item `index` of a
// repeated field, or the field itself.
void CopyScalar(const Message& from, const FieldDescriptor* from_field, int index, Message& to,
                const FieldDescriptor* to_field) {
  const auto* in = from.GetReflection();
  const auto* out = to.GetReflection();
  const bool add = from_field->is_repeated();
  switch (from_field->cpp_type()) {
    case FieldDescriptor::CPPTYPE_INT32: {
      const auto value = add ? in->GetRepeatedInt32(from, from_field, index) : in->GetInt32(from, from_field);
      add ? out->AddInt32(&to, to_field, value) : out->SetInt32(&to, to_field, value);
      break;
    }
    case FieldDescriptor::CPPTYPE_INT64: {
      const auto value = add ? in->GetRepeatedInt64(from, from_field, index) : in->GetInt64(from, from_field);
      add ? out->AddInt64(&to, to_field, value) : out->SetInt64(&to, to_field, value);
      break;
    }
    case FieldDescriptor::CPPTYPE_UINT32: {
      const auto value = add ? in->GetRepeatedUInt32(from, from_field, index) : in->GetUInt32(from, from_field);
      add ? out->AddUInt32(&to, to_field, value) : out->SetUInt32(&to, to_field, value);
      break;
    }
    case FieldDescriptor::CPPTYPE_UINT64: {
      const auto value = add ? in->GetRepeatedUInt64(from, from_field, index) : in->GetUInt64(from, from_field);
      add ? out->AddUInt64(&to, to_field, value) : out->SetUInt64(&to, to_field, value);
      break;
    }
    case FieldDescriptor::CPPTYPE_DOUBLE: {
      const auto value = add ? in->GetRepeatedDouble(from, from_field, index) : in->GetDouble(from, from_field);
      add ? out->AddDouble(&to, to_field, value) : out->SetDouble(&to, to_field, value);
      break;
    }
    case FieldDescriptor::CPPTYPE_FLOAT: {
      const auto value = add ? in->GetRepeatedFloat(from, from_field, index) : in->GetFloat(from, from_field);
      add ? out->AddFloat(&to, to_field, value) : out->SetFloat(&to, to_field, value);
      break;
    }
    case FieldDescriptor::CPPTYPE_BOOL: {
      const auto value = add ? in->GetRepeatedBool(from, from_field, index) : in->GetBool(from, from_field);
      add ? out->AddBool(&to, to_field, value) : out->SetBool(&to, to_field, value);
      break;
    }
    case FieldDescriptor::CPPTYPE_ENUM: {
      const auto value =
          add ? in->GetRepeatedEnumValue(from, from_field, index) : in->GetEnumValue(from, from_field);
      add ? out->AddEnumValue(&to, to_field, value) : out->SetEnumValue(&to, to_field, value);
      break;
    }
    case FieldDescriptor::CPPTYPE_STRING: {
      auto value = add ? in->GetRepeatedString(from, from_field, index) : in->GetString(from, from_field);
      add ? out->AddString(&to, to_field, std::move(value)) : out->SetString(&to, to_field, std::move(value));
      break;
    }
    case FieldDescriptor::CPPTYPE_MESSAGE:
      break;
  }
}

// Copies `from` into the empty `to`, the same type in another class (a
// DynamicMessage into the generated one), field by field in the same order,
// and what `in` records about `from` and the messages inside it into `out`,
// for `to`. Reflection keeps strings as they are; protobuf's parser would stop
// at invalid UTF-8, which validation has to see and report.
void CopyWithPresence(const Message& from, Message& to, const Presence* in, Presence* out) {
  const auto* from_type = from.GetDescriptor();
  const auto* to_type = to.GetDescriptor();
  if (in != nullptr) {
    if (in->covers(from)) out->cover(to);
    for (int i = 0; i < from_type->field_count(); ++i) {
      const int number = from_type->field(i)->number();
      if (in->refused(from, number)) out->mark_refused(to, number);
      else if (in->supplied(from, number)) out->mark_supplied(to, number);
    }
  }
  const auto* from_reflection = from.GetReflection();
  const auto* to_reflection = to.GetReflection();
  std::vector<const FieldDescriptor*> fields;
  from_reflection->ListFields(from, &fields);
  for (const FieldDescriptor* from_field : fields) {
    const FieldDescriptor* to_field = to_type->FindFieldByNumber(from_field->number());
    if (to_field == nullptr || to_field->cpp_type() != from_field->cpp_type() ||
        to_field->is_repeated() != from_field->is_repeated()) {
      continue;
    }
    const bool message = from_field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE;
    if (!from_field->is_repeated()) {
      if (message) {
        CopyWithPresence(from_reflection->GetMessage(from, from_field),
                         *to_reflection->MutableMessage(&to, to_field), in, out);
      } else {
        CopyScalar(from, from_field, -1, to, to_field);
      }
      continue;
    }
    const int size = from_reflection->FieldSize(from, from_field);
    for (int i = 0; i < size; ++i) {
      if (message) {
        CopyWithPresence(from_reflection->GetRepeatedMessage(from, from_field, i),
                         *to_reflection->AddMessage(&to, to_field), in, out);
      } else {
        CopyScalar(from, from_field, i, to, to_field);
      }
    }
  }
}

Violations Run(const detail::ErasedModel& model, const Message& msg, const Presence* presence,
               const CustomValidators* validators) {
  Violations violations;
  ValidationContext context(violations, presence, validators);
  model.validate(msg, context);
  return violations;
}

}  // namespace

namespace detail {

void require_presence_covers(const Message& msg, const Presence& presence) {
  if (presence.covers(msg)) return;
  throw std::invalid_argument(
      "instructor::validate: the presence record was filled for another " + msg.GetDescriptor()->full_name() +
      " than the one given (a copy?); validate the message that decode_json() or MessageDecoder wrote into");
}

}  // namespace detail

Violations validate(const Message& msg, const ValidateOptions& options) {
  const std::string& type = msg.GetDescriptor()->full_name();
  const detail::ErasedModel* model = FindRegisteredModel(type);
  if (model == nullptr) {
    throw std::invalid_argument("instructor::validate: no validator for " + type +
                                " is linked into this program (include its .instructor.h, or link the "
                                "library of its generated code whole)");
  }
  if (options.presence != nullptr) detail::require_presence_covers(msg, *options.presence);
  const Message& prototype = model->prototype();
  if (typeid(msg) == typeid(prototype)) return Run(*model, msg, options.presence, options.validators);

  std::unique_ptr<Message> copy(prototype.New());
  Presence carried;
  CopyWithPresence(msg, *copy, options.presence, &carried);
  return Run(*model, *copy, options.presence != nullptr ? &carried : nullptr, options.validators);
}

}  // namespace instructor
