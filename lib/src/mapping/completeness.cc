#include "instructor/completeness.h"

namespace instructor {

const Completeness::Record* Completeness::find(const google::protobuf::Message& message) const {
  auto it = records_.find(&message);
  return it == records_.end() ? nullptr : &it->second;
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
  if (record == nullptr) return 0;
  for (const auto& [number, count] : record->items) {
    if (number == field_number) return count;
  }
  return 0;
}

void Completeness::mark_message_complete(const google::protobuf::Message& message) {
  records_[&message].complete = true;
}

void Completeness::mark_field_complete(const google::protobuf::Message& message, int field_number) {
  records_[&message].fields.insert(field_number);
}

void Completeness::mark_item_complete(const google::protobuf::Message& message, int field_number) {
  auto& items = records_[&message].items;
  for (auto& [number, count] : items) {
    if (number == field_number) {
      ++count;
      return;
    }
  }
  items.emplace_back(field_number, 1);
}

void Completeness::rekey(const google::protobuf::Message& from, const google::protobuf::Message& to) {
  auto node = records_.extract(&from);
  if (node.empty()) return;
  records_.insert_or_assign(&to, std::move(node.mapped()));
}

void Completeness::forget_field(const google::protobuf::Message& message, int field_number) {
  auto it = records_.find(&message);
  if (it == records_.end()) return;
  it->second.fields.erase(field_number);
  std::erase_if(it->second.items, [&](const auto& item) { return item.first == field_number; });
}

void Completeness::forget(const google::protobuf::Message& message) { records_.erase(&message); }

void Completeness::clear() { records_.clear(); }

}  // namespace instructor
