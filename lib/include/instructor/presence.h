// Which fields the model actually supplied: the record the JSON mapper fills
// and validation reads for `required` (a proto3 scalar cannot tell 0 from
// missing on its own).
#pragma once

#include <cstddef>

#include "instructor/detail/records_by_message.h"
#include "instructor/field_number_set.h"

namespace google::protobuf {
class Message;
}

namespace instructor {

// A set of (message instance, field number) pairs, and the message instances
// the record covers.
//
// Keys are message addresses: the top-level message, a nested message, an
// item of a repeated message field. Those addresses are stable once created,
// so validation can walk the message it was given and ask about each field.
// A copy of the message has other addresses: validating a copy with this
// record is refused (see `covers`).
//
// What the mapper marks: a field is supplied when its key appeared in the
// model's JSON with a non-null value. When that value could not go into the
// field (a MappingViolation reports it), the field is also marked refused:
// validation neither checks the default left in its place nor calls it
// missing. `null` for an optional, message or proto3 scalar field means
// unset, so the field is NOT supplied; `null` for a wrapper or
// google.protobuf.Value field is an answer, so it IS supplied. An empty list
// `[]` or object `{}` is supplied. A field filled by a coercion (a scalar into
// the only field of a message) is supplied too. Unknown keys and fields marked
// `(instructor.field).skip` are never marked. When the model wrote two members
// of one oneof, only the one kept (the last) is supplied.
//
// Map values: the mapper builds map<K, Message> values through protobuf's
// reflection, which stores them as map entries in a repeated field; the
// generated `Map<K, V>` accessor makes its own copies of those values on first
// access. Presence for fields inside a message-typed map value is therefore
// recorded on the value as seen through reflection:
// `reflection->GetRepeatedMessage(msg, map_field, i)` then the entry's
// `value` field. Everything else uses the addresses the generated accessors
// return.
class Presence {
 public:
  void mark_supplied(const google::protobuf::Message& message, int field_number);
  // The model supplied a value for the field that could not go into it.
  void mark_refused(const google::protobuf::Message& message, int field_number);
  // Whether the model wrote a non-null value (or null for a wrapper or Value), kept or refused.
  bool supplied(const google::protobuf::Message& message, int field_number) const;
  // Whether the value the model wrote was refused (reported by the mapper, not stored).
  bool refused(const google::protobuf::Message& message, int field_number) const;
  // Supplied and not refused: the field holds what the model wrote.
  bool kept(const google::protobuf::Message& message, int field_number) const;
  // Forgets one field (a later `null` for the same key unsets it again).
  void unmark(const google::protobuf::Message& message, int field_number);

  // Records that the record covers `message` (the mapper read it), even with no field supplied.
  void cover(const google::protobuf::Message& message);
  // Whether the record was filled for this very message instance, not for a copy.
  bool covers(const google::protobuf::Message& message) const;

  // Forgets every field of one message (it was cleared and may be reused).
  void forget(const google::protobuf::Message& message);
  // Moves every record of `from` to `to` (used when a message is swapped into place).
  void rekey(const google::protobuf::Message& from, const google::protobuf::Message& to);
  void clear();
  // How many (message, field) pairs are marked supplied.
  std::size_t size() const;
  bool empty() const { return size() == 0; }

  // One message's record, for the mapper: it marks fields through it without
  // a look-up each time. It stays at its address until forget() or clear().
  struct Fields {
    FieldNumberSet supplied;
    FieldNumberSet refused;
    void mark_supplied(int field_number) {
      supplied.insert(field_number);
      refused.erase(field_number);
    }
    void mark_refused(int field_number) {
      supplied.insert(field_number);
      refused.insert(field_number);
    }
  };
  Fields& fields_of(const google::protobuf::Message& message) { return fields_[&message]; }

 private:
  const Fields* find(const google::protobuf::Message& message) const { return fields_.find(&message); }
  detail::RecordsByMessage<Fields> fields_;
};

}  // namespace instructor
