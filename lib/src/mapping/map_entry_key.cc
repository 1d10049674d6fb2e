#include "map_entry_key.h"

namespace instructor::mapping {

std::string map_entry_key(const google::protobuf::Message& entry, const google::protobuf::Reflection& reflection,
                          const google::protobuf::FieldDescriptor* key_field) {
  using google::protobuf::FieldDescriptor;
  switch (key_field->cpp_type()) {
    case FieldDescriptor::CPPTYPE_INT32: return std::to_string(reflection.GetInt32(entry, key_field));
    case FieldDescriptor::CPPTYPE_INT64: return std::to_string(reflection.GetInt64(entry, key_field));
    case FieldDescriptor::CPPTYPE_UINT32: return std::to_string(reflection.GetUInt32(entry, key_field));
    case FieldDescriptor::CPPTYPE_UINT64: return std::to_string(reflection.GetUInt64(entry, key_field));
    case FieldDescriptor::CPPTYPE_BOOL: return reflection.GetBool(entry, key_field) ? "true" : "false";
    default: return reflection.GetString(entry, key_field);
  }
}

std::string map_entry_key(const CapturedValue& key, const google::protobuf::FieldDescriptor* key_field) {
  using google::protobuf::FieldDescriptor;
  switch (key_field->cpp_type()) {
    case FieldDescriptor::CPPTYPE_INT32:
    case FieldDescriptor::CPPTYPE_INT64: return std::to_string(key.value.int64);
    case FieldDescriptor::CPPTYPE_UINT32:
    case FieldDescriptor::CPPTYPE_UINT64: return std::to_string(key.value.uint64);
    case FieldDescriptor::CPPTYPE_BOOL: return key.value.boolean ? "true" : "false";
    default: return key.text;
  }
}

bool same_map_key(const google::protobuf::Message& a, const google::protobuf::Message& b,
                  const google::protobuf::Reflection& reflection, const google::protobuf::FieldDescriptor* key_field) {
  using google::protobuf::FieldDescriptor;
  switch (key_field->cpp_type()) {
    case FieldDescriptor::CPPTYPE_INT32: return reflection.GetInt32(a, key_field) == reflection.GetInt32(b, key_field);
    case FieldDescriptor::CPPTYPE_INT64: return reflection.GetInt64(a, key_field) == reflection.GetInt64(b, key_field);
    case FieldDescriptor::CPPTYPE_UINT32:
      return reflection.GetUInt32(a, key_field) == reflection.GetUInt32(b, key_field);
    case FieldDescriptor::CPPTYPE_UINT64:
      return reflection.GetUInt64(a, key_field) == reflection.GetUInt64(b, key_field);
    case FieldDescriptor::CPPTYPE_BOOL: return reflection.GetBool(a, key_field) == reflection.GetBool(b, key_field);
    default: {
      std::string scratch_a;
      std::string scratch_b;
      return reflection.GetStringReference(a, key_field, &scratch_a) ==
             reflection.GetStringReference(b, key_field, &scratch_b);
    }
  }
}

}  // namespace instructor::mapping
