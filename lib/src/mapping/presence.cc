#include "instructor/presence.h"

namespace instructor {

void Presence::mark_supplied(const google::protobuf::Message& message, int field_number) {
  fields_[&message].insert(field_number);
}

bool Presence::supplied(const google::protobuf::Message& message, int field_number) const {
  auto it = fields_.find(&message);
  return it != fields_.end() && it->second.contains(field_number);
}

void Presence::unmark(const google::protobuf::Message& message, int field_number) {
  if (auto it = fields_.find(&message); it != fields_.end()) it->second.erase(field_number);
}

void Presence::rekey(const google::protobuf::Message& from, const google::protobuf::Message& to) {
  auto node = fields_.extract(&from);
  if (node.empty()) return;
  node.key() = &to;
  fields_.insert_or_assign(&to, std::move(node.mapped()));
}

void Presence::forget(const google::protobuf::Message& message) { fields_.erase(&message); }

void Presence::clear() { fields_.clear(); }

std::size_t Presence::size() const {
  std::size_t count = 0;
  for (const auto& [message, numbers] : fields_) count += static_cast<std::size_t>(numbers.size());
  return count;
}

}  // namespace instructor
