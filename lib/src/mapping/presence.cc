#include "instructor/presence.h"

#include <functional>
#include <vector>

namespace instructor {

std::size_t Presence::KeyHash::operator()(const Key& key) const noexcept {
  return std::hash<const void*>()(key.message) * 31 + static_cast<std::size_t>(key.field_number);
}

void Presence::mark_supplied(const google::protobuf::Message& message, int field_number) {
  fields_.insert(Key{&message, field_number});
}

bool Presence::supplied(const google::protobuf::Message& message, int field_number) const {
  return fields_.contains(Key{&message, field_number});
}

void Presence::unmark(const google::protobuf::Message& message, int field_number) {
  fields_.erase(Key{&message, field_number});
}

void Presence::rekey(const google::protobuf::Message& from, const google::protobuf::Message& to) {
  std::vector<int> numbers;
  for (const Key& key : fields_) {
    if (key.message == &from) numbers.push_back(key.field_number);
  }
  for (int number : numbers) {
    fields_.erase(Key{&from, number});
    fields_.insert(Key{&to, number});
  }
}

void Presence::clear() { fields_.clear(); }

}  // namespace instructor
