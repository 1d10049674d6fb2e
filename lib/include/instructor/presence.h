// Which fields the model actually supplied: the record the JSON mapper fills
// and validation reads for `required` (a proto3 scalar cannot tell 0 from
// missing on its own).
#pragma once

#include <cstddef>
#include <unordered_map>

#include "instructor/field_number_set.h"

namespace google::protobuf {
class Message;
}

namespace instructor {

// A set of (message instance, field number) pairs.
//
// Keys are message addresses: the top-level message, a nested message, an
// item of a repeated message field. Those addresses are stable once created,
// so validation can walk the message it was given and ask about each field.
//
// What the mapper marks: a field is supplied when its key appeared in the
// model's JSON with a non-null value, whether or not that value could be
// coerced (a value that could not is reported as a MappingViolation; it is not
// also "missing"). `null` for an optional, message or proto3 scalar field
// means unset, so the field is NOT supplied. An empty list `[]` or object `{}`
// is supplied. A field filled by a coercion (a scalar into the only field of a
// message) is supplied too. Unknown keys and fields marked
// `(instructor.field).skip` are never marked.
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
  bool supplied(const google::protobuf::Message& message, int field_number) const;
  // Forgets one field (a later `null` for the same key unsets it again).
  void unmark(const google::protobuf::Message& message, int field_number);
  // Forgets every field of one message (it was cleared and may be reused).
  void forget(const google::protobuf::Message& message);
  // Moves every record of `from` to `to` (used when a message is swapped into place).
  void rekey(const google::protobuf::Message& from, const google::protobuf::Message& to);
  void clear();
  // How many (message, field) pairs are marked.
  std::size_t size() const;
  bool empty() const { return size() == 0; }

 private:
  std::unordered_map<const google::protobuf::Message*, FieldNumberSet> fields_;
};

}  // namespace instructor
