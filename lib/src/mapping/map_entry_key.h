// The key of a map entry message, as text, and keys compared.
#pragma once

#include <string>

#include <google/protobuf/message.h>

namespace instructor::mapping {

// The entry's key field as text: the string itself, or the number or bool in
// its JSON key form, the same for "5" and "05".
// Whether two entries of one map have the same key (compared as values, no text made).
bool same_map_key(const google::protobuf::Message& a, const google::protobuf::Message& b,
                  const google::protobuf::Reflection& reflection, const google::protobuf::FieldDescriptor* key_field);

std::string map_entry_key(const google::protobuf::Message& entry, const google::protobuf::Reflection& reflection,
                          const google::protobuf::FieldDescriptor* key_field);

}  // namespace instructor::mapping
