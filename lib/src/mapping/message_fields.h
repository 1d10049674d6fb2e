// Small facts about protobuf messages the mapper looks up again and again.
#pragma once

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>

namespace instructor::mapping {

// google.protobuf.Value's fields.
constexpr int kValueNull = 1;
constexpr int kValueNumber = 2;
constexpr int kValueString = 3;
constexpr int kValueBool = 4;
constexpr int kValueStruct = 5;
constexpr int kValueList = 6;

inline bool is_message(const google::protobuf::FieldDescriptor* field) {
  return field->cpp_type() == google::protobuf::FieldDescriptor::CPPTYPE_MESSAGE;
}

inline const google::protobuf::FieldDescriptor* field_number(const google::protobuf::Message& message, int number) {
  return message.GetDescriptor()->FindFieldByNumber(number);
}

}  // namespace instructor::mapping
