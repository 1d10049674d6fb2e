#include "instructor/presence.h"

namespace instructor {

void Presence::mark_supplied(const google::protobuf::Message& message, int field_number) {
  fields_[&message].mark_supplied(field_number);
}

void Presence::mark_refused(const google::protobuf::Message& message, int field_number) {
  fields_[&message].mark_refused(field_number);
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
  if (Fields* fields = fields_.find(&message)) {
    fields->supplied.erase(field_number);
    fields->refused.erase(field_number);
  }
}

void Presence::cover(const google::protobuf::Message& message) { fields_[&message]; }

bool Presence::covers(const google::protobuf::Message& message) const { return fields_.contains(&message); }

void Presence::rekey(const google::protobuf::Message& from, const google::protobuf::Message& to) {
  fields_.rekey(&from, &to);
}

void Presence::forget(const google::protobuf::Message& message) { fields_.erase(&message); }

void Presence::clear() { fields_.clear(); }

std::size_t Presence::size() const {
  std::size_t count = 0;
  fields_.for_each([&](const Fields& fields) { count += static_cast<std::size_t>(fields.supplied.size()); });
  return count;
}

}  // namespace instructor
