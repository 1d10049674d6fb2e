// The mapper's scalars: strings, numbers, bools and nulls into fields, into
// one-field messages and into well-known types; strings still streaming in.
#include <algorithm>
#include <charconv>

#include "message_fields.h"
#include "message_mapper.h"
#include "well_known_types.h"

namespace instructor::mapping {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

// ---- Scalars ---------------------------------------------------------------

void MessageMapper::string_value(std::string_view value, std::size_t offset) {
  const Scalar scalar_value{Scalar::Kind::string, value};
  if (!fast_lane(scalar_value)) scalar(scalar_value, offset);
}

void MessageMapper::number(std::string_view text, std::size_t offset) {
  const Scalar scalar_value{Scalar::Kind::number, text};
  if (!fast_lane(scalar_value)) scalar(scalar_value, offset);
}

void MessageMapper::boolean(bool value, std::size_t offset) {
  const Scalar scalar_value{Scalar::Kind::boolean, {}, value};
  if (!fast_lane(scalar_value)) scalar(scalar_value, offset);
}

void MessageMapper::scalar(const Scalar& value, std::size_t offset) {
  Slot slot = take_slot(true, false);
  if (completes_partial_text(slot, value)) {
    partial_item_ = partial_singular_ = false;
    partial_text_ = nullptr;
    finish_value(slot, true);
    return;
  }
  if (partial_item_ && !slot.skip && slot.field != nullptr && slot.field->is_repeated()) {
    slot.reflection->RemoveLast(slot.holder, slot.field);  // the partial string it replaces
  }
  partial_item_ = false;
  partial_singular_ = false;
  partial_text_ = nullptr;
  if (slot.skip) return;
  const bool stored = put_scalar(slot, value, offset);
  if (!stored) mark_refused(slot);
  finish_value(slot, stored);
}

// The whole answer is one value (1214, true, "hello"): the message's one field.
bool MessageMapper::lone_value(const Scalar& value, std::size_t offset) {
  if (!accepts_scalar(root_->GetDescriptor())) {
    refuse(offset, "type.mismatch", "must be an object; got " + json_text_of(value), json_text_of(value));
    return false;
  }
  if (!scalar_into_message(*root_, value, offset)) return false;
  ++matched_;
  completeness_of(*root_).complete = true;
  return true;
}

bool MessageMapper::put_scalar(const Slot& slot, const Scalar& value, std::size_t offset) {
  const FieldDescriptor* field = slot.field;
  // The message itself: a lone value as the whole answer, or an item of [...] standing for it.
  if (field == nullptr) return frames_.empty() && lone_value(value, offset);
  if (slot.entry_key) {
    entry_key(frames_.back(), value.kind == Scalar::Kind::boolean ? (value.boolean ? "true" : "false") : value.text,
              offset);
    return frames_.back().has_entry_key;
  }
  if (field->is_map()) {
    refuse(offset, "type.mismatch", "must be an object; got " + json_text_of(value), json_text_of(value));
    return false;
  }
  const bool into_list = field->is_repeated() && !slot.item;
  if (is_message(field)) {
    if (!accepts_scalar(field->message_type())) {
      refuse(offset, "type.mismatch", "must be an object; got " + json_text_of(value), json_text_of(value));
      return false;
    }
    Message* message = materialize(slot);
    if (!scalar_into_message(*message, value, offset)) {
      const Reflection* reflection = slot.holder->GetReflection();
      if (field->is_repeated()) reflection->RemoveLast(slot.holder, field);
      else reflection->ClearField(slot.holder, field);
      return false;
    }
    completeness_of(*message).complete = true;
    if (into_list) record(Repair::single_value_to_list, offset);
    return true;
  }
  Coercion result = slot.direct_pair ? capture_scalar(field, value, index_, pair_value_)  // stored by commit_pair
                                     : store_scalar(*slot.holder, *slot.reflection, field, value, index_, slot.access);
  if (!result.stored) {
    refuse(offset, std::move(result.rule), std::move(result.message), json_text_of(value));
    return false;
  }
  if (result.repair) record(*result.repair, offset);
  if (into_list) record(Repair::single_value_to_list, offset);
  return true;
}

bool MessageMapper::accepts_scalar(const Descriptor* descriptor, int depth) {
  const MessageInfo& info = index_.message(descriptor);
  switch (info.shape) {
    case MessageShape::struct_:
    case MessageShape::list_value:
      return false;
    case MessageShape::plain: {
      const FieldDescriptor* single = info.single_field;
      if (single == nullptr || single->is_map() || depth > 8) return false;
      return !is_message(single) || accepts_scalar(single->message_type(), depth + 1);
    }
    default:
      return true;
  }
}

bool MessageMapper::scalar_into_message(Message& message, const Scalar& value, std::size_t offset) {
  const MessageInfo& info = index_.message(message.GetDescriptor());
  const Reflection* reflection = message.GetReflection();
  if (info.shape == MessageShape::value) {
    switch (value.kind) {
      case Scalar::Kind::string:
        reflection->SetString(&message, field_number(message, kValueString), std::string(value.text));
        break;
      case Scalar::Kind::boolean:
        reflection->SetBool(&message, field_number(message, kValueBool), value.boolean);
        break;
      case Scalar::Kind::number: {
        double number = 0;
        std::from_chars(value.text.data(), value.text.data() + value.text.size(), number);
        reflection->SetDouble(&message, field_number(message, kValueNumber), number);
        break;
      }
    }
    return true;
  }
  if (info.shape == MessageShape::plain) {
    // A scalar for a message with one field: that field's value.
    const FieldDescriptor* single = info.single_field;
    const detail::FieldAccess* fields = info.access_for(reflection);
    Slot inner{.holder = &message, .field = single, .reflection = reflection,
               .access = fields != nullptr ? &fields[single->index()] : nullptr};
    bool stored = put_scalar(inner, value, offset);
    if (stored) {
      record(Repair::value_to_single_field, offset);
      presence_of(message).mark_supplied(single->number());
      if (single->is_repeated()) item_complete(message, single);
      field_complete(message, single);
    }
    return stored;
  }
  Coercion result = store_into_well_known(message, info.shape, value, index_);
  if (!result.stored) {
    refuse(offset, std::move(result.rule), std::move(result.message), json_text_of(value));
    return false;
  }
  if (result.repair) record(*result.repair, offset);
  return true;
}

// Shows a string value that is still being read. Each call extends the last
// one (the parser only ever appends to a string), so only the new bytes are
// copied: a long value streamed in small chunks costs O(length), not
// O(length^2).
void MessageMapper::partial_string(std::string_view so_far, std::size_t) {
  if (!partial_strings_) return;
  // The same string as last time, grown: only the new bytes are appended.
  if (partial_text_ != nullptr && partial_text_->size() <= so_far.size()) {
    partial_text_->append(so_far.substr(partial_text_->size()));
    return;
  }
  if (partial_in_lane(so_far)) return;
  Slot slot = take_slot(false, false);
  const FieldDescriptor* field = slot.field;
  if (slot.skip || field == nullptr || slot.in_map_entry || slot.entry_key || field->is_map() ||
      field->type() != FieldDescriptor::TYPE_STRING) {
    return;
  }
  const Reflection* reflection = slot.reflection;
  // Another member of the oneof is set: the string takes its place only once
  // it is complete, when the conflict is resolved and reported.
  if (const auto* oneof = field->real_containing_oneof()) {
    const FieldDescriptor* set = reflection->GetOneofFieldDescriptor(*slot.holder, oneof);
    if (set != nullptr && set != field) return;
  }
  // A generated class hands out the string itself: it grows there.
  if (slot.access != nullptr && slot.access->open_text != nullptr && !partial_item_) {
    grow_in_place(slot.access->open_text(*slot.holder), so_far, field->is_repeated());
    return;
  }
  // Reflection hands strings out const only. Items of a repeated string field
  // are plain owned std::strings, and so is a singular string once it holds a
  // non-empty value set here: later parts are appended to them in place.
  std::string scratch;
  if (field->is_repeated()) {
    int last = reflection->FieldSize(*slot.holder, field) - 1;
    if (partial_item_) {
      reflection->SetRepeatedString(slot.holder, field, last, std::string(so_far));
    } else {
      reflection->AddString(slot.holder, field, std::string(so_far));
      ++last;
    }
    partial_item_ = true;
    const std::string& current = reflection->GetRepeatedStringReference(*slot.holder, field, last, &scratch);
    partial_text_ = &current != &scratch ? const_cast<std::string*>(&current) : nullptr;
    return;
  }
  reflection->SetString(slot.holder, field, std::string(so_far));
  partial_singular_ = true;
  const std::string& current = reflection->GetStringReference(*slot.holder, field, &scratch);
  partial_text_ = &current != &scratch && !so_far.empty() ? const_cast<std::string*>(&current) : nullptr;
}

// A string starts streaming in, in `text` (the field's own string, or its
// new last item when `item`): later parts are appended there.
void MessageMapper::grow_in_place(std::string* text, std::string_view so_far, bool item) {
  partial_text_ = text;
  partial_text_->assign(so_far);
  (item ? partial_item_ : partial_singular_) = true;
}

// The string shown while it streamed in ends as it began: what is missing is
// appended in place instead of storing the whole value again. A bare string
// for a list (a repair to report) and a string that changed at its end (a
// dedented block) take the usual way.
bool MessageMapper::completes_partial_text(const Slot& slot, const Scalar& value) {
  if (partial_text_ == nullptr || value.kind != Scalar::Kind::string || slot.skip || slot.field == nullptr) return false;
  if (slot.field->is_repeated() && !slot.item) return false;
  if (!value.text.starts_with(*partial_text_)) return false;
  partial_text_->append(value.text.substr(partial_text_->size()));
  return true;
}

void MessageMapper::null(std::size_t offset) {
  Slot slot = take_slot(true, true);
  partial_item_ = false;
  partial_singular_ = false;
  partial_text_ = nullptr;
  if (slot.skip || slot.field == nullptr) return;
  const FieldDescriptor* field = slot.field;
  if (is_message(field) && !field->is_map() &&
      index_.message(field->message_type()).shape == MessageShape::value) {
    Message* value = materialize(slot);
    value->GetReflection()->SetEnumValue(value, field_number(*value, kValueNull), 0);
    completeness_of(*value).complete = true;
    finish_value(slot, true);
    return;
  }
  if (slot.item) {
    record(Repair::null_item_dropped, offset);
    return;
  }
  // A map pair with a null value is dropped, whichever form the map has: its
  // value was never written, so it must not stand in the map as a default.
  if (slot.in_map_entry || slot.entry_value) {
    record(Repair::null_item_dropped, offset);
    if (slot.entry_value) frames_.back().entry_refused = true;  // the {"key", "value"} item is dropped when it closes
    else finish_value(slot, false);
    return;
  }
  slot.holder->GetReflection()->ClearField(slot.holder, field);
  finish_value(slot, false);
}

}  // namespace instructor::mapping
