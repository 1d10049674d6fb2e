// The key of a map entry, as text, and keys compared.
#pragma once

#include <string>

#include <google/protobuf/message.h>

#include "scalar_coercion.h"

namespace instructor::mapping {

// Whether two entries of one map have the same key (compared as values, no text made).
bool same_map_key(const google::protobuf::Message& a, const google::protobuf::Message& b,
                  const google::protobuf::Reflection& reflection, const google::protobuf::FieldDescriptor* key_field);

// The entry's key field as text: the string itself, or the number or bool in
// its JSON key form, the same for "5" and "05".
std::string map_entry_key(const google::protobuf::Message& entry, const google::protobuf::Reflection& reflection,
                          const google::protobuf::FieldDescriptor* key_field);

// The same for a key read into a CapturedValue (a map filled through generated access).
std::string map_entry_key(const CapturedValue& key, const google::protobuf::FieldDescriptor* key_field);

}  // namespace instructor::mapping
