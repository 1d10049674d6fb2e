// Direct access to the fields of a generated message class, written by
// protoc-gen-instructor in foo.instructor.cc: the JSON mapper stores values
// through these instead of protobuf's reflection, which looks up a field's
// offset and has-bit on every call.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <google/protobuf/message.h>

namespace instructor::detail {

// One scalar on its way into a field: the member the field's type reads.
union FieldValue {
  std::int64_t int64;    // int32, int64 and their sint/sfixed kinds
  std::uint64_t uint64;  // uint32, uint64 and fixed kinds
  double real;           // double and float
  bool boolean;
  int enum_number;   // a number the enum defines
  std::string* text; // string and bytes: moved from
};

// One field. Each member is set where the field's kind has it, and null
// where the mapper keeps to reflection (maps of messages, skipped fields).
struct FieldAccess {
  // set_x(value), or add_x(value) for a repeated field.
  void (*put)(google::protobuf::Message& message, FieldValue value) = nullptr;
  // A message field: mutable_x(), or add_x() for a repeated one.
  google::protobuf::Message* (*open)(google::protobuf::Message& message) = nullptr;
  // A string field (not bytes): mutable_x(), or add_x() (a new item) for a
  // repeated one; a string still streaming in grows there in place.
  std::string* (*open_text)(google::protobuf::Message& message) = nullptr;
  // A map whose values are not messages: sets the pair in mutable_x(), and
  // says whether its key was there already (its value is then replaced).
  bool (*put_pair)(google::protobuf::Message& message, FieldValue key, FieldValue value) = nullptr;
  // A repeated or map field: x_size().
  int (*size)(const google::protobuf::Message& message) = nullptr;
};

// The fields of one message type, indexed as the descriptor orders them
// (FieldDescriptor::index()).
struct MessageAccess {
  const google::protobuf::Message& (*prototype)() = nullptr;  // T::default_instance()
  const FieldAccess* fields = nullptr;
  int field_count = 0;
  // The index of the field a JSON key names exactly (its proto name or
  // json_name; skipped fields excluded), or -1.
  int (*field_of_key)(std::string_view key) = nullptr;
};

// Called by generated code (foo.instructor.cc), once per message type, at start-up.
void register_field_access(std::string_view full_name, MessageAccess access);

// The access registered for the type named `full_name`, or null.
const MessageAccess* find_field_access(std::string_view full_name);

}  // namespace instructor::detail
