#include "map_entry_key.h"

namespace instructor::mapping {

std::string map_entry_key(const google::protobuf::Message& entry, const google::protobuf::Reflection& entry_reflection,
                          const google::protobuf::FieldDescriptor* key_field) {
  using google::protobuf::FieldDescriptor;
  const google::protobuf::Reflection* reflection = &entry_reflection;
  switch (key_field->cpp_type()) {
    case FieldDescriptor::CPPTYPE_INT32: return std::to_string(reflection->GetInt32(entry, key_field));
    case FieldDescriptor::CPPTYPE_INT64: return std::to_string(reflection->GetInt64(entry, key_field));
    case FieldDescriptor::CPPTYPE_UINT32: return std::to_string(reflection->GetUInt32(entry, key_field));
    case FieldDescriptor::CPPTYPE_UINT64: return std::to_string(reflection->GetUInt64(entry, key_field));
    case FieldDescriptor::CPPTYPE_BOOL: return reflection->GetBool(entry, key_field) ? "true" : "false";
    default: return reflection->GetString(entry, key_field);
  }
}

}  // namespace instructor::mapping
