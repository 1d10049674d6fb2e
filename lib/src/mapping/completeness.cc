#include "instructor/completeness.h"

#include <algorithm>

namespace instructor {

// With its key, a record takes one cache line in RecordsByMessage's chunks.
static_assert(sizeof(Completeness::Record) <= 56);

Completeness::Record::Record(const Record& other)
    : complete(other.complete), fields(other.fields), first_items(other.first_items),
      more_items(other.more_items ? std::make_unique<std::vector<Items>>(*other.more_items) : nullptr) {}

std::size_t Completeness::Record::complete_items(int field_number) const {
  for (const Items& items : first_items) {
    if (items.field_number == field_number) return items.count;
  }
  if (more_items) {
    for (const Items& items : *more_items) {
      if (items.field_number == field_number) return items.count;
    }
  }
  return 0;
}

void Completeness::Record::add_complete_item(int field_number) {
  for (Items& items : first_items) {
    if (items.field_number == field_number || items.field_number == 0) {
      items.field_number = field_number;
      ++items.count;
      return;
    }
  }
  if (!more_items) more_items = std::make_unique<std::vector<Items>>();
  for (Items& items : *more_items) {
    if (items.field_number == field_number) {
      ++items.count;
      return;
    }
  }
  more_items->push_back(Items{field_number, 1});
}

// Field number 0 marks a free inline place; a forgotten field leaves its count at 0.
void Completeness::Record::forget_items(int field_number) {
  for (Items& items : first_items) {
    if (items.field_number == field_number) items.count = 0;
  }
  if (more_items) std::erase_if(*more_items, [&](const Items& items) { return items.field_number == field_number; });
}

bool Completeness::message_complete(const google::protobuf::Message& message) const {
  const Record* record = find(message);
  return record != nullptr && record->complete;
}

bool Completeness::field_complete(const google::protobuf::Message& message, int field_number) const {
  const Record* record = find(message);
  return record != nullptr && record->fields.contains(field_number);
}

std::size_t Completeness::complete_items(const google::protobuf::Message& message, int field_number) const {
  const Record* record = find(message);
  return record == nullptr ? 0 : record->complete_items(field_number);
}

void Completeness::mark_message_complete(const google::protobuf::Message& message) {
  records_[&message].complete = true;
}

void Completeness::mark_field_complete(const google::protobuf::Message& message, int field_number) {
  records_[&message].fields.insert(field_number);
}

void Completeness::mark_item_complete(const google::protobuf::Message& message, int field_number) {
  records_[&message].add_complete_item(field_number);
}

void Completeness::rekey(const google::protobuf::Message& from, const google::protobuf::Message& to) {
  records_.rekey(&from, &to);
}

void Completeness::forget_field(const google::protobuf::Message& message, int field_number) {
  Record* record = records_.find(&message);
  if (record == nullptr) return;
  record->fields.erase(field_number);
  record->forget_items(field_number);
}

void Completeness::forget(const google::protobuf::Message& message) { records_.erase(&message); }

void Completeness::clear() { records_.clear(); }

}  // namespace instructor
