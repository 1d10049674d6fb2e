// The key of a map entry message, as text.
#pragma once

#include <string>

#include <google/protobuf/message.h>

namespace instructor::mapping {

// The entry's key field as text: the string itself, or the number or bool in
// its JSON key form, the same for "5" and "05".
std::string map_entry_key(const google::protobuf::Message& entry, const google::protobuf::Reflection& reflection,
                          const google::protobuf::FieldDescriptor* key_field);

}  // namespace instructor::mapping
