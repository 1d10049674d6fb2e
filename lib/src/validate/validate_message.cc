// validate(const google::protobuf::Message&): the generated validator found by
// type name; a message of another implementation (a DynamicMessage) is
// validated as a copy in the generated class, its presence record carried over.
#include <memory>
#include <stdexcept>
#include <string>
#include <typeinfo>
#include <unordered_map>

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>

#include "../mapping/map_entry_key.h"
#include "instructor/presence.h"
#include "instructor/validate.h"
#include "model_registry.h"

namespace instructor {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;

void CarryPresence(const Message& from, const Message& to, const Presence& in, Presence& out);

// The records of the message-typed values of one field, from `from` to `to`.
void CarryField(const Message& from, const Message& to, const FieldDescriptor* from_field,
                const FieldDescriptor* to_field, const Presence& in, Presence& out) {
  const auto* from_reflection = from.GetReflection();
  const auto* to_reflection = to.GetReflection();
  if (!from_field->is_repeated()) {
    if (from_reflection->HasField(from, from_field) && to_reflection->HasField(to, to_field)) {
      CarryPresence(from_reflection->GetMessage(from, from_field), to_reflection->GetMessage(to, to_field), in, out);
    }
    return;
  }
  const int from_size = from_reflection->FieldSize(from, from_field);
  const int to_size = to_reflection->FieldSize(to, to_field);
  if (!from_field->is_map()) {
    for (int i = 0; i < from_size && i < to_size; ++i) {
      CarryPresence(from_reflection->GetRepeatedMessage(from, from_field, i),
                    to_reflection->GetRepeatedMessage(to, to_field, i), in, out);
    }
    return;
  }
  // A parsed map may list its entries in another order: match them by key.
  std::unordered_map<std::string, const Message*> to_entries;
  for (int i = 0; i < to_size; ++i) {
    const Message& entry = to_reflection->GetRepeatedMessage(to, to_field, i);
    to_entries.emplace(mapping::map_entry_key(entry), &entry);
  }
  for (int i = 0; i < from_size; ++i) {
    const Message& entry = from_reflection->GetRepeatedMessage(from, from_field, i);
    if (auto it = to_entries.find(mapping::map_entry_key(entry)); it != to_entries.end()) {
      CarryPresence(entry, *it->second, in, out);
    }
  }
}

// Copies what `in` says about `from` and the messages inside it to `out`, for
// `to`: the same message in another class.
void CarryPresence(const Message& from, const Message& to, const Presence& in, Presence& out) {
  if (in.covers(from)) out.cover(to);
  const auto* from_type = from.GetDescriptor();
  const auto* to_type = to.GetDescriptor();
  for (int i = 0; i < from_type->field_count(); ++i) {
    const FieldDescriptor* from_field = from_type->field(i);
    const FieldDescriptor* to_field = to_type->FindFieldByNumber(from_field->number());
    if (to_field == nullptr) continue;
    if (in.refused(from, from_field->number())) out.mark_refused(to, to_field->number());
    else if (in.supplied(from, from_field->number())) out.mark_supplied(to, to_field->number());
    if (from_field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE &&
        to_field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
      CarryField(from, to, from_field, to_field, in, out);
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
  copy->ParsePartialFromString(msg.SerializePartialAsString());
  if (options.presence == nullptr) return Run(*model, *copy, nullptr, options.validators);
  Presence carried;
  CarryPresence(msg, *copy, *options.presence, carried);
  return Run(*model, *copy, &carried, options.validators);
}

}  // namespace instructor
