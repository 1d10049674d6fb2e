// What the mapper records about the model's values beyond the values
// themselves: a null that is an answer, a value refused, and a oneof member
// replaced by another one (reported, its records dropped).
#include "message_fields.h"
#include "message_mapper.h"

namespace instructor::mapping {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

// Whether `null` for the field is an answer of its own: a wrapper or
// google.protobuf.Value outside a oneof (in a oneof, null picks no member).
bool MessageMapper::null_is_answer(const FieldDescriptor* field) {
  if (!is_message(field) || field->is_repeated() || field->real_containing_oneof() != nullptr) return false;
  const MessageShape shape = index_.message(field->message_type()).shape;
  return shape == MessageShape::wrapper || shape == MessageShape::value;
}

// The model wrote two members of one oneof: protobuf keeps one, so the member
// written earlier is dropped (value and records), and the conflict is reported
// at the oneof's path, since neither member's own rules broke.
void MessageMapper::drop_other_oneof_member(Frame& frame) {
  const FieldDescriptor* field = frame.pending;
  const google::protobuf::OneofDescriptor* oneof = field->real_containing_oneof();
  if (oneof == nullptr) return;
  Message& message = *frame.message;
  const Reflection* reflection = message.GetReflection();
  for (int i = 0; i < oneof->field_count(); ++i) {
    const FieldDescriptor* other = oneof->field(i);
    if (other == field || !records_.presence->supplied(message, other->number())) continue;
    if (is_message(other) && reflection->HasField(message, other)) forget_records(reflection->GetMessage(message, other));
    reflection->ClearField(&message, other);
    records_.presence->unmark(message, other->number());
    if (records_.completeness != nullptr) records_.completeness->forget_field(message, other->number());
    std::string members;
    for (int j = 0; j < oneof->field_count(); ++j) {
      if (is_parsed(oneof->field(j))) members += (members.empty() ? "" : ", ") + oneof->field(j)->name();
    }
    frame.child.set_field(oneof->name());
    refuse(frame.key_offset, "oneof.conflict",
           "at most one of " + members + " may be set; got " + other->name() + " and " + field->name(), "");
    frame.child.set_field(field->name());
  }
}

// The value for `slot` was refused: the field holds no answer of the model's.
void MessageMapper::mark_refused(const Slot& slot) {
  if (slot.entry_list) {
    // A map given as a list with an item that is no {"key", "value"} object: its size says nothing.
    presence_of(*slot.holder).mark_refused(slot.field->number());
    return;
  }
  if (slot.entry_value || slot.entry_key) {
    frames_.back().entry_refused = true;  // the entry being read (a map given as a list) is dropped
    return;
  }
  if (slot.skip || slot.field == nullptr || slot.item || slot.in_map_entry) return;
  presence_of(*slot.holder).mark_refused(slot.field->number());
}

}  // namespace instructor::mapping
