#include "instructor/presence.h"

namespace instructor {

const Presence::Fields* Presence::find(const google::protobuf::Message& message) const {
  auto it = fields_.find(&message);
  return it == fields_.end() ? nullptr : &it->second;
}

void Presence::mark_supplied(const google::protobuf::Message& message, int field_number) {
  Fields& fields = fields_[&message];
  fields.supplied.insert(field_number);
  fields.refused.erase(field_number);
}

void Presence::mark_refused(const google::protobuf::Message& message, int field_number) {
  Fields& fields = fields_[&message];
  fields.supplied.insert(field_number);
  fields.refused.insert(field_number);
}

bool Presence::supplied(const google::protobuf::Message& message, int field_number) const {
  const Fields* fields = find(message);
  return fields != nullptr && fields->supplied.contains(field_number);
}

bool Presence::refused(const google::protobuf::Message& message, int field_number) const {
  const Fields* fields = find(message);
  return fields != nullptr && fields->refused.contains(field_number);
}

bool Presence::kept(const google::protobuf::Message& message, int field_number) const {
  const Fields* fields = find(message);
  return fields != nullptr && fields->supplied.contains(field_number) && !fields->refused.contains(field_number);
}

void Presence::unmark(const google::protobuf::Message& message, int field_number) {
  if (auto it = fields_.find(&message); it != fields_.end()) {
    it->second.supplied.erase(field_number);
    it->second.refused.erase(field_number);
  }
}

void Presence::cover(const google::protobuf::Message& message) { fields_.try_emplace(&message); }

bool Presence::covers(const google::protobuf::Message& message) const { return fields_.contains(&message); }

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
  for (const auto& [message, fields] : fields_) count += static_cast<std::size_t>(fields.supplied.size());
  return count;
}

}  // namespace instructor
