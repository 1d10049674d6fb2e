// The mapper's structure: slots, frames for the open containers, keys, and
// what becomes complete when a container closes.
#include "message_mapper.h"

#include <vector>

#include "map_entry_key.h"
#include "message_fields.h"

namespace instructor::mapping {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

// A map key from its JSON (string) form. A refused key's rule is prefixed
// "map.keys.", as are the validator's rules on keys.
Coercion set_map_key(Message& entry, const Reflection& reflection, const FieldDescriptor* key_field,
                     std::string_view key, FieldIndex& index) {
  Coercion result = store_scalar(entry, reflection, key_field, Scalar{Scalar::Kind::string, key}, index);
  result.repair.reset();  // a JSON key is always a string: reading "5" as 5 is the rule, not a repair
  if (!result.stored) result.rule = "map.keys." + result.rule;
  return result;
}

}  // namespace

MessageMapper::~MessageMapper() { stop(); }

void MessageMapper::start(Message& root, MappingRecords records) {
  stop();
  root_ = &root;
  root_reflection_ = root.GetReflection();
  records_ = records;
  partial_item_ = false;
  partial_singular_ = false;
  partial_text_ = nullptr;
  has_pair_key_ = false;
  matched_ = unknown_ = violation_count_ = 0;
}

void MessageMapper::stop() {
  for (Frame& frame : frames_) discard_entry(frame);
  frames_.clear();
  partial_text_ = nullptr;
  has_pair_key_ = false;
  presence_cache_ = {};
  completeness_cache_ = {};
}

// ---- Slots and frames ------------------------------------------------------

MessageMapper::Slot MessageMapper::take_slot(bool consume, bool is_null) {
  Slot slot = find_slot(consume, is_null);
  if (slot.holder != nullptr) slot.reflection = reflection_of(slot.holder);
  return slot;
}

// The holder's reflection, from the frames that know it (protobuf's
// GetReflection() costs a once-flag check each time).
const Reflection* MessageMapper::reflection_of(const Message* holder) const {
  if (!frames_.empty()) {
    const Frame& frame = frames_.back();
    if (frame.message == holder && frame.reflection != nullptr) return frame.reflection;
    if (frame.entry == holder && frame.entry_reflection != nullptr) return frame.entry_reflection;
  }
  return holder == root_ ? root_reflection_ : holder->GetReflection();
}

MessageMapper::Slot MessageMapper::find_slot(bool consume, bool is_null) {
  if (frames_.empty()) return Slot{root_, nullptr};
  Frame& frame = frames_.back();
  switch (frame.kind) {
    case FrameKind::skip:
      return Slot{.skip = true};
    case FrameKind::message: {
      if (!frame.has_key || frame.pending == nullptr) {
        if (consume) frame.has_key = false;
        return Slot{.skip = true};
      }
      const detail::FieldAccess* access = frame.fields != nullptr ? &frame.fields[frame.pending->index()] : nullptr;
      if (!consume) return Slot{.holder = frame.message, .field = frame.pending, .access = access};
      frame.has_key = false;
      ++matched_;
      if (is_null && !null_is_answer(frame.pending)) {
        records_.presence->unmark(*frame.message, frame.pending->number());
      } else {
        if (!is_null && frame.pending->real_containing_oneof() != nullptr) drop_other_oneof_member(frame);
        presence_of(*frame.message).mark_supplied(frame.pending->number());
      }
      return Slot{.holder = frame.message, .field = frame.pending, .access = access};
    }
    case FrameKind::list: {
      if (consume) {
        const int size = frame.list_access != nullptr ? frame.list_access->size(*frame.message)
                                                      : frame.reflection->FieldSize(*frame.message, frame.field);
        frame.child.set_index(partial_item_ ? size - 1 : size);
      }
      return Slot{.holder = frame.message, .field = frame.field, .item = true, .access = frame.list_access};
    }
    case FrameKind::unwrap:
      // [{...}] for a message: the first item is the message, the rest is extra.
      if (!consume) return frame.has_key ? Slot{.skip = true} : Slot{root_, nullptr};
      if (!frame.has_key) {
        frame.has_key = true;
        return Slot{root_, nullptr};
      }
      if (!frame.pending_extra) {
        frame.pending_extra = true;
        refuse(0, "type.mismatch", "must be one object; got a list of several", "");
      }
      return Slot{.skip = true};
    case FrameKind::map:
      if (frame.entries) {
        if (consume) frame.child.set_index(frame.entries_read++);
        return Slot{.holder = frame.message, .field = frame.field, .item = true, .entry_list = true};
      }
      if (frame.pair_access != nullptr) {
        if (!has_pair_key_) return Slot{.skip = true};
        return Slot{.holder = frame.message, .field = frame.map_value_field, .in_map_entry = true, .direct_pair = true};
      }
      if (frame.entry == nullptr) return Slot{.skip = true};
      return Slot{frame.entry, frame.field->message_type()->map_value(), false, false, true};
    case FrameKind::map_entry: {
      if (!frame.has_key || frame.pending == nullptr) {
        if (consume) frame.has_key = false;
        return Slot{.skip = true};
      }
      if (consume) frame.has_key = false;
      const bool is_key = frame.pending->number() == 1;
      return Slot{.holder = frame.message, .field = frame.pending, .entry_key = is_key, .entry_value = !is_key};
    }
  }
  return Slot{.skip = true};
}

void MessageMapper::push(FrameKind kind, const Slot& slot, Message* message, const FieldDescriptor* field,
                         const Reflection* known_reflection) {
  // Found before the new frame is pushed: reflection_of looks at the innermost frame.
  const Reflection* reflection = known_reflection;
  if (message != nullptr && reflection == nullptr) {
    reflection = message == slot.holder && slot.reflection != nullptr ? slot.reflection : reflection_of(message);
  }
  // The lanes of the message whose field the new frame is (it is on top until the push).
  const ValueLane* parent_lanes = frames_.empty() || frames_.back().message != slot.holder ? nullptr : frames_.back().lanes;
  // A list or map of the innermost message shares that message's records, once looked up.
  const bool same_message = !frames_.empty() && frames_.back().message == message && message != nullptr;
  Presence::Fields* presence = same_message ? frames_.back().presence : nullptr;
  Completeness::Record* completeness = same_message ? frames_.back().completeness : nullptr;
  Frame& frame = frames_.push();
  frame.presence = presence;
  frame.completeness = completeness;
  frame.kind = kind;
  frame.slot = slot;
  frame.message = message;
  frame.reflection = reflection;
  frame.field = field;
  // A list that is the slot's own field: its items go through the field's generated access.
  const bool is_the_field = message == slot.holder && field == slot.field && slot.access != nullptr;
  if (kind == FrameKind::list && is_the_field && slot.access->size != nullptr) {
    frame.list_access = slot.access;
    frame.list_lane = parent_lanes != nullptr ? parent_lanes[field->index()] : ValueLane::none;
  }
  // A map of scalars written as an object: its pairs go through the field's generated access.
  if (kind == FrameKind::map && is_the_field && slot.access->put_pair != nullptr) {
    frame.pair_access = slot.access;
    frame.map_key_field = field->message_type()->map_key();
    frame.map_value_field = field->message_type()->map_value();
    frame.pair_lane = lane_of(frame.map_value_field);
  }
}

Message* MessageMapper::materialize(const Slot& slot) {
  if (slot.field == nullptr) return slot.holder;
  if (slot.access != nullptr && slot.access->open != nullptr) return slot.access->open(*slot.holder);
  const Reflection* reflection = slot.reflection != nullptr ? slot.reflection : slot.holder->GetReflection();
  return slot.field->is_repeated() ? reflection->AddMessage(slot.holder, slot.field)
                                   : reflection->MutableMessage(slot.holder, slot.field);
}

void MessageMapper::discard_entry(Frame& frame) {
  if (frame.pair_access != nullptr) has_pair_key_ = false;
  if (frame.entry != nullptr && frame.entry_owned) delete frame.entry;
  frame.entry = nullptr;
  frame.entry_owned = false;
}

// Adds the pair just read to the map. A key given twice keeps its last value,
// in the place of the first, so the map's entries (which validation walks)
// hold each key once.
void MessageMapper::commit_entry() {
  Frame& frame = frames_.back();
  const Reflection* reflection = frame.reflection;
  // Pairs of a map written as an object come from the frame's prototype; those of a list of entries do not.
  const Reflection* entry_reflection =
      frame.entry_reflection != nullptr ? frame.entry_reflection : frame.entry->GetReflection();
  const int earlier_index = earlier_entry_with_key(frame, *entry_reflection);
  if (earlier_index < 0) {
    reflection->AddAllocatedMessage(frame.message, frame.field, frame.entry);
    frame.entry = nullptr;
    frame.entry_owned = false;
    item_complete(*frame.message, frame.field);
    return;
  }
  Message* earlier = reflection->MutableRepeatedMessage(frame.message, frame.field, earlier_index);
  forget_records(*earlier);
  // Same arena, so the swap moves the new value's objects (and the records keyed by them) into place.
  earlier->GetReflection()->Swap(earlier, frame.entry);
  discard_entry(frame);
  report_item(*frame.message, frame.field, earlier_index);
}

// The key of a pair of a map filled through its generated access, read as
// the key field takes it ("5" for an int32 key is 5); a refused key drops the pair.
void MessageMapper::read_pair_key(Frame& frame, std::string_view name, std::size_t offset) {
  if (frame.map_key_field->type() == FieldDescriptor::TYPE_STRING) {  // the common key, taken as it is
    pair_key_.text.assign(name);
    has_pair_key_ = true;
    return;
  }
  Coercion result = capture_scalar(frame.map_key_field, Scalar{Scalar::Kind::string, name}, index_, pair_key_);
  has_pair_key_ = result.stored;
  if (!result.stored) refuse(offset, "map.keys." + result.rule, "map key " + result.message, quote_json(name));
}

// The pair just read joins the map; a key given twice keeps its last value.
// The map's own order is its hash's, so a callback is told the pair's place
// in the order its key was first read.
void MessageMapper::commit_pair() {
  Frame& frame = frames_.back();
  has_pair_key_ = false;
  const bool notify = records_.on_complete != nullptr && *records_.on_complete;
  const std::string key = notify ? map_entry_key(pair_key_, frame.map_key_field) : std::string();
  const bool replaced = frame.pair_access->put_pair(*frame.message, pair_key_.for_setter(frame.map_key_field),
                                                    pair_value_.for_setter(frame.map_value_field));
  if (!replaced) completeness_of(*frame.message).add_complete_item(frame.field->number());
  if (!notify) return;
  if (frame.entry_index == nullptr) frame.entry_index = std::make_unique<NameTable<int>>();
  const int index = *frame.entry_index->try_insert(key, frame.pair_access->size(*frame.message) - 1).first;
  report_item(*frame.message, frame.field, index);
}

// The index of the map's entry with the key of the pair being read, or -1.
// A small map is searched entry by entry; a large one keeps an index of its keys.
int MessageMapper::earlier_entry_with_key(Frame& frame, const Reflection& entry_reflection) {
  constexpr int kSearched = 16;
  const FieldDescriptor* key_field = frame.field->message_type()->map_key();
  const int size = frame.reflection->FieldSize(*frame.message, frame.field);
  auto entry_at = [&](int i) -> const Message& {
    return frame.reflection->GetRepeatedMessage(*frame.message, frame.field, i);
  };
  if (size < kSearched) {
    for (int i = 0; i < size; ++i) {
      if (same_map_key(entry_at(i), *frame.entry, entry_reflection, key_field)) return i;
    }
    return -1;
  }
  if (frame.entry_index == nullptr) {
    frame.entry_index = std::make_unique<NameTable<int>>();
    for (int i = 0; i < size; ++i) frame.entry_index->try_insert(map_entry_key(entry_at(i), entry_reflection, key_field), i);
  }
  const auto [known, inserted] =
      frame.entry_index->try_insert(map_entry_key(*frame.entry, entry_reflection, key_field), size);
  return inserted ? -1 : *known;
}

// ---- Records ---------------------------------------------------------------

// A message's record: the innermost frames remember their message's
// records; other messages go through a one-entry cache, since consecutive
// events mostly mark the same message.
template <typename Record, typename Find>
Record& MessageMapper::record_of(const Message& message, Record* FrameState::*in_frame, RecordCache<Record>& cache,
                                 Find find) {
  for (std::size_t depth = 0; depth < 2 && depth < frames_.size(); ++depth) {
    Frame& frame = frames_[frames_.size() - 1 - depth];
    if (frame.message != &message) continue;
    if (frame.*in_frame == nullptr) frame.*in_frame = &find();
    return *(frame.*in_frame);
  }
  if (cache.message != &message) cache = {&message, &find()};
  return *cache.record;
}

Presence::Fields& MessageMapper::find_presence(const Message& message) {
  return record_of(message, &Frame::presence, presence_cache_,
                   [&]() -> Presence::Fields& { return records_.presence->fields_of(message); });
}

Completeness::Record& MessageMapper::find_completeness(const Message& message) {
  if (records_.completeness == nullptr) return untracked_completeness_;
  return record_of(message, &Frame::completeness, completeness_cache_,
                   [&]() -> Completeness::Record& { return records_.completeness->record_of(message); });
}

void MessageMapper::item_complete(const Message& holder, const FieldDescriptor* field) {
  if (records_.completeness != nullptr) completeness_of(holder).add_complete_item(field->number());
  if (records_.on_complete != nullptr && *records_.on_complete) {
    report_item(holder, field, holder.GetReflection()->FieldSize(holder, field) - 1);
  }
}

// Tells the callback, if any, that `field` is complete (index -1) or its
// item `index` is: an item read, a pair added, or one whose key was given
// again and whose value was replaced. The one place the callback is called.
void MessageMapper::report_item(const Message& holder, const FieldDescriptor* field, int index) {
  if (records_.on_complete != nullptr && *records_.on_complete) (*records_.on_complete)(Completion{&holder, field, index});
}

void MessageMapper::refuse(std::size_t offset, std::string rule, std::string message, std::string value) {
  ++violation_count_;
  records_.violations->push_back(MappingViolation{path(), std::move(rule), std::move(message), std::move(value), offset});
}

void MessageMapper::record(Repair kind, std::size_t offset) {
  records_.repairs->push_back(RepairRecord{kind, offset, path()});
}

std::string MessageMapper::path() const {
  std::string out;
  for (const Frame& frame : frames_) {
    if (frame.kind == FrameKind::skip) break;
    frame.child.append_to(out);
  }
  return out;
}

// A value just ended in `slot`: note what became complete.
void MessageMapper::finish_value(const Slot& slot, bool stored) {
  partial_item_ = false;
  partial_singular_ = false;
  partial_text_ = nullptr;
  if (slot.skip || slot.field == nullptr) return;
  if (slot.direct_pair) {
    if (stored) commit_pair();
    else has_pair_key_ = false;
    return;
  }
  if (slot.in_map_entry) {
    if (stored) commit_entry();
    else discard_entry(frames_.back());
    return;
  }
  if (slot.field->is_repeated()) {
    if (stored) item_complete(*slot.holder, slot.field);
    if (!slot.item) field_complete(*slot.holder, slot.field);
  } else {
    field_complete(*slot.holder, slot.field);
  }
}

// A key given a second time: the last value wins, as in most JSON readers.
// Lists, maps and messages are cleared first; the records of the messages
// they held go too, since protobuf reuses cleared items' addresses.
void MessageMapper::forget_value(Frame& frame) {
  const FieldDescriptor* field = frame.pending;
  if (!field->is_repeated() && !is_message(field)) return;
  const Reflection* reflection = frame.message->GetReflection();
  if (is_message(field)) {
    if (field->is_repeated()) {
      for (int i = 0; i < reflection->FieldSize(*frame.message, field); ++i) {
        forget_records(reflection->GetRepeatedMessage(*frame.message, field, i));
      }
    } else if (reflection->HasField(*frame.message, field)) {
      forget_records(reflection->GetMessage(*frame.message, field));
    }
  }
  reflection->ClearField(frame.message, field);
  if (records_.completeness != nullptr) records_.completeness->forget_field(*frame.message, field->number());
}

void MessageMapper::forget_records(const Message& message) {
  presence_cache_ = {};
  completeness_cache_ = {};
  records_.presence->forget(message);
  if (records_.completeness != nullptr) records_.completeness->forget(message);
  const Reflection* reflection = message.GetReflection();
  std::vector<const FieldDescriptor*> fields;
  reflection->ListFields(message, &fields);
  for (const FieldDescriptor* field : fields) {
    if (!is_message(field)) continue;
    if (field->is_repeated()) {
      for (int i = 0; i < reflection->FieldSize(message, field); ++i) {
        forget_records(reflection->GetRepeatedMessage(message, field, i));
      }
    } else {
      forget_records(reflection->GetMessage(message, field));
    }
  }
}

// ---- Keys ------------------------------------------------------------------

const KeySet* MessageMapper::expected_keys() const {
  if (frames_.empty() || frames_.back().kind != FrameKind::message) return nullptr;
  return frames_.back().info;
}

void MessageMapper::key(std::string_view name, std::size_t offset) {
  if (frames_.empty()) return;
  Frame& frame = frames_.back();
  if (frame.kind == FrameKind::message) {
    FieldMatch match = frame.info->find(name);
    frame.has_key = true;
    frame.pending = match.field;
    frame.pending_lane = match.field == nullptr || frame.lanes == nullptr || match.field->is_repeated()
                             ? ValueLane::none
                             : frame.lanes[match.field->index()];
    frame.key_offset = offset;
    if (match.field != nullptr) frame.child.set_field(match.field->name());
    else frame.child.set_key(name);
    if (match.field == nullptr) {
      ++unknown_;
      record(Repair::unknown_key, offset);
      return;
    }
    if (match.fuzzy) record(Repair::fuzzy_key, offset);
    if (frame.seen.contains(match.field->number())) forget_value(frame);
    else frame.seen.insert(match.field->number());
  } else if (frame.kind == FrameKind::map_entry) {
    const bool known = name == "key" || name == "value";
    frame.has_key = true;
    frame.pending = known ? field_number(*frame.message, name == "key" ? 1 : 2) : nullptr;
    frame.child.set_key(name);
    if (!known) {
      ++unknown_;
      record(Repair::unknown_key, offset);
    }
  } else if (frame.kind == FrameKind::map) {
    discard_entry(frame);
    frame.child.set_map_key(name);
    if (frame.pair_access != nullptr) {
      read_pair_key(frame, name, offset);
      return;
    }
    if (frame.entry_prototype == nullptr) {
      frame.entry_prototype = frame.reflection->GetMessageFactory()->GetPrototype(frame.field->message_type());
      frame.entry_reflection = frame.entry_prototype->GetReflection();
    }
    frame.entry = frame.entry_prototype->New(frame.message->GetArena());
    frame.entry_owned = frame.message->GetArena() == nullptr;
    Coercion key_result = set_map_key(*frame.entry, *frame.entry_reflection,
                                      frame.field->message_type()->map_key(), name, index_);
    if (!key_result.stored) {
      discard_entry(frame);
      refuse(offset, key_result.rule, "map key " + key_result.message, quote_json(name));
    }
  }
}

// ---- Containers --------------------------------------------------------------

void MessageMapper::begin_object(std::size_t offset) {
  Slot slot = take_slot(true, false);
  if (slot.skip) {
    push(FrameKind::skip, slot);
    return;
  }
  if (slot.field == nullptr) {
    open_message(slot.holder, slot);
    return;
  }
  if (slot.entry_list) {
    open_entry(slot);
    return;
  }
  const FieldDescriptor* field = slot.field;
  if (field->is_map()) {
    push(FrameKind::map, slot, slot.holder, field);
    return;
  }
  if (!is_message(field) || index_.message(field->message_type()).shape == MessageShape::list_value) {
    refuse(offset, "type.mismatch", "must be " + expected_kind(field) + "; got an object", "");
    mark_refused(slot);
    push(FrameKind::skip, slot);
    return;
  }
  if (field->is_repeated() && !slot.item) record(Repair::single_value_to_list, offset);
  open_message(materialize(slot), slot);
}

void MessageMapper::open_message(Message* message, const Slot& slot) {
  // A message made by its parent's generated accessor is of the generated
  // class: its type and reflection are known without asking it.
  const bool generated = slot.field != nullptr && slot.access != nullptr && slot.access->open != nullptr;
  const MessageInfo& info = index_.message(generated ? slot.field->message_type() : message->GetDescriptor());
  const Reflection* reflection = generated ? info.access_reflection : nullptr;
  if (info.shape == MessageShape::struct_) {
    presence_of(*message);  // covered, even with no field supplied
    push(FrameKind::map, slot, message, field_number(*message, 1));
    frames_.back().completes[0] = message;
  } else if (info.shape == MessageShape::value) {
    presence_of(*message);
    Message* fields = message->GetReflection()->MutableMessage(message, field_number(*message, kValueStruct));
    push(FrameKind::map, slot, fields, field_number(*fields, 1));
    frames_.back().completes[0] = message;
    frames_.back().completes[1] = fields;
  } else {
    push(FrameKind::message, slot, message, nullptr, reflection);
    frames_.back().info = &info;
    frames_.back().fields = info.access_for(frames_.back().reflection);
    if (frames_.back().fields != nullptr) frames_.back().lanes = info.lanes.data();
    presence_of(*message);  // covered, even with no field supplied (and the record kept in the frame)
  }
}

void MessageMapper::begin_array(std::size_t offset) {
  Slot slot = take_slot(true, false);
  if (slot.skip) {
    push(FrameKind::skip, slot);
    return;
  }
  const FieldDescriptor* field = slot.field;
  if (field == nullptr) {
    if (can_open_list(slot.holder->GetDescriptor())) {
      open_list(slot.holder, slot, offset);
    } else {
      record(Repair::list_to_single_value, offset);
      push(FrameKind::unwrap, slot);
    }
    return;
  }
  if (field->is_repeated() && !field->is_map() && !slot.item) {
    push(FrameKind::list, slot, slot.holder, field);
    return;
  }
  if (field->is_map() && !slot.item) {
    push(FrameKind::map, slot, slot.holder, field);
    frames_.back().entries = true;
    frames_.back().pair_access = nullptr;  // its {"key", "value"} items are read as entry messages
    frames_.back().pair_lane = ValueLane::none;
    return;
  }
  if (is_message(field) && !field->is_map() && can_open_list(field->message_type())) {
    open_list(materialize(slot), slot, offset);
    return;
  }
  refuse(offset, "type.mismatch", "must be " + expected_kind(field) + "; got an array", "");
  mark_refused(slot);
  push(FrameKind::skip, slot);
}

bool MessageMapper::can_open_list(const Descriptor* descriptor) {
  const MessageInfo& info = index_.message(descriptor);
  if (info.shape == MessageShape::list_value || info.shape == MessageShape::value) return true;
  return info.shape == MessageShape::plain && info.single_field != nullptr && info.single_field->is_repeated() &&
         !info.single_field->is_map();
}

void MessageMapper::open_list(Message* message, const Slot& slot, std::size_t offset) {
  const MessageInfo& info = index_.message(message->GetDescriptor());
  if (info.shape == MessageShape::list_value) {
    push(FrameKind::list, slot, message, field_number(*message, 1));
    frames_.back().completes[0] = message;
  } else if (info.shape == MessageShape::value) {
    Message* list = message->GetReflection()->MutableMessage(message, field_number(*message, kValueList));
    push(FrameKind::list, slot, list, field_number(*list, 1));
    frames_.back().completes[0] = message;
    frames_.back().completes[1] = list;
  } else {
    record(Repair::value_to_single_field, offset);
    presence_of(*message).mark_supplied(info.single_field->number());
    push(FrameKind::list, slot, message, info.single_field);
    frames_.back().completes[0] = message;
  }
}

void MessageMapper::end_object(std::size_t offset) {
  if (frames_.empty()) return;
  Frame& frame = frames_.pop();  // closed with its parent on top
  if (frame.kind == FrameKind::map_entry) close_entry(frame, offset);
  else close_container(frame);
}

// ---- Maps given as lists of {"key", "value"} entries --------------------------

// One {"key":..., "value":...} item: a new entry, filled on its own and added
// to the map when it closes (the key may come after the value).
void MessageMapper::open_entry(const Slot& slot) {
  const Message& prototype =
      *slot.holder->GetReflection()->GetMessageFactory()->GetPrototype(slot.field->message_type());
  Message* entry = prototype.New(slot.holder->GetArena());
  push(FrameKind::map_entry, slot, entry);
  frames_.back().entry = entry;
  frames_.back().entry_owned = slot.holder->GetArena() == nullptr;
}

// The "key" of an entry, in its JSON key form (a string, or a number or bool written bare).
void MessageMapper::entry_key(Frame& frame, std::string_view text, std::size_t offset) {
  Coercion key_result = set_map_key(*frame.message, *frame.reflection, frame.message->GetDescriptor()->map_key(), text, index_);
  frame.has_entry_key = key_result.stored;
  frame.entry_refused |= !key_result.stored;
  if (!key_result.stored) refuse(offset, key_result.rule, "map key " + key_result.message, quote_json(text));
}

// The entry object closed: it joins the map (frames_.back()) like a "key": value pair would.
void MessageMapper::close_entry(Frame& entry_frame, std::size_t offset) {
  Frame& map = frames_.back();
  if (entry_frame.entry_refused) {
    discard_entry(entry_frame);  // already reported or recorded, like a refused or null "key": value pair
    return;
  }
  if (!entry_frame.has_entry_key) {
    entry_frame.child.clear();
    frames_.restore();  // so the violation's path names the item
    refuse(offset, "map.keys.required", "must have a \"key\" (each entry is {\"key\": ..., \"value\": ...})", "");
    discard_entry(frames_.pop());
    return;
  }
  discard_entry(map);
  map.entry = entry_frame.entry;
  map.entry_owned = entry_frame.entry_owned;
  entry_frame.entry = nullptr;
  commit_entry();
}

void MessageMapper::end_array(std::size_t) {
  if (frames_.empty()) return;
  close_container(frames_.pop());
}

void MessageMapper::close_container(const Frame& frame) {
  if (frame.kind == FrameKind::skip || frame.kind == FrameKind::unwrap) {
    finish_value(frame.slot, false);
    return;
  }
  if (frame.kind == FrameKind::map && frame.entry != nullptr && frame.entry_owned) delete frame.entry;
  if (frame.kind == FrameKind::message) {
    // The record the frame found for its message, if it did (it is off the stack now).
    (frame.completeness != nullptr ? *frame.completeness : completeness_of(*frame.message)).complete = true;
  } else {
    field_complete(*frame.message, frame.field);
  }
  for (Message* message : frame.completes) {
    if (message != nullptr) completeness_of(*message).complete = true;
  }
  // A list or map that is the field itself is done; one inside a message (a
  // ListValue, a Struct, a one-field message) completes that message's slot.
  bool is_the_field = frame.kind != FrameKind::message && frame.slot.holder == frame.message &&
                      frame.slot.field == frame.field;
  if (!is_the_field) finish_value(frame.slot, true);
}

}  // namespace instructor::mapping
