#include "instructor/completeness.h"

#include <functional>
#include <utility>
#include <vector>

namespace instructor {

std::size_t Completeness::KeyHash::operator()(const Key& key) const noexcept {
  return std::hash<const void*>()(key.message) * 31 + static_cast<std::size_t>(key.field_number);
}

bool Completeness::message_complete(const google::protobuf::Message& message) const {
  return messages_.contains(&message);
}

bool Completeness::field_complete(const google::protobuf::Message& message, int field_number) const {
  return fields_.contains(Key{&message, field_number});
}

std::size_t Completeness::complete_items(const google::protobuf::Message& message, int field_number) const {
  auto it = items_.find(Key{&message, field_number});
  return it == items_.end() ? 0 : it->second;
}

void Completeness::mark_message_complete(const google::protobuf::Message& message) {
  messages_.insert(&message);
}

void Completeness::mark_field_complete(const google::protobuf::Message& message, int field_number) {
  fields_.insert(Key{&message, field_number});
}

void Completeness::mark_item_complete(const google::protobuf::Message& message, int field_number) {
  ++items_[Key{&message, field_number}];
}

void Completeness::rekey(const google::protobuf::Message& from, const google::protobuf::Message& to) {
  if (messages_.erase(&from) > 0) messages_.insert(&to);
  std::vector<Key> fields;
  for (const Key& key : fields_) {
    if (key.message == &from) fields.push_back(key);
  }
  for (const Key& key : fields) {
    fields_.erase(key);
    fields_.insert(Key{&to, key.field_number});
  }
  std::vector<std::pair<Key, std::size_t>> items;
  for (const auto& [key, count] : items_) {
    if (key.message == &from) items.emplace_back(key, count);
  }
  for (const auto& [key, count] : items) {
    items_.erase(key);
    items_[Key{&to, key.field_number}] = count;
  }
}

void Completeness::clear() {
  messages_.clear();
  fields_.clear();
  items_.clear();
}

}  // namespace instructor
