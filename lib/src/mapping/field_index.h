// Lookup tables built once per message and enum type: which field a JSON key
// names, which enum value a word names, and which well-known type a message is.
#pragma once

#include <array>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <google/protobuf/descriptor.h>

#include "instructor/detail/field_access.h"
#include "instructor/json_parser.h"
#include "name_table.h"

namespace instructor::mapping {

// The well-known types that have their own JSON forms.
enum class MessageShape {
  plain,
  value,       // google.protobuf.Value
  struct_,     // google.protobuf.Struct
  list_value,  // google.protobuf.ListValue
  wrapper,     // google.protobuf.Int32Value and friends: the scalar itself
  timestamp,   // RFC 3339 string
  duration,    // "1.5s"
  field_mask,  // "a,b.c"
};

// How a plain JSON value of a field's own type goes into a field of a
// generated class without the mapper's general path (see mapper_fast_lane.cc);
// none: always the general path.
enum class ValueLane : unsigned char { none, text, int32, int64, uint32, uint64, real, boolean, enumeration };

// The lane of `field` (which must have generated access): a string (not
// bytes), an integer, a double, a bool or an enum, outside any oneof.
ValueLane lane_of(const google::protobuf::FieldDescriptor* field);

struct FieldMatch {
  const google::protobuf::FieldDescriptor* field = nullptr;
  bool fuzzy = false;  // matched ignoring case and '_' / '-'
};

// A message's lookup table; as a KeySet it tells the parser which keys an
// object of this message may have (any a key would match, loosely included).
struct MessageInfo final : KeySet {
  MessageShape shape = MessageShape::plain;
  // The only field a model can fill (skip fields aside), for single-value coercion.
  const google::protobuf::FieldDescriptor* single_field = nullptr;
  NameTable<const google::protobuf::FieldDescriptor*> exact;
  NameTable<const google::protobuf::FieldDescriptor*> loose;
  // The generated class's field access (by field index), and that class's
  // reflection, which tells a message of the class from a DynamicMessage.
  const detail::FieldAccess* access = nullptr;
  const google::protobuf::Reflection* access_reflection = nullptr;
  std::vector<ValueLane> lanes;  // by field index, when `access` is set
  // The generated look-up of exact keys, for the type's own descriptor.
  int (*field_of_key)(std::string_view key) = nullptr;
  const google::protobuf::Descriptor* descriptor = nullptr;

  FieldMatch find(std::string_view key) const;
  // The field access for a message whose reflection is `reflection`: null
  // unless it is the generated class.
  const detail::FieldAccess* access_for(const google::protobuf::Reflection* reflection) const {
    return reflection == access_reflection ? access : nullptr;
  }
  bool contains(std::string_view key) const override { return find(key).field != nullptr; }
};

struct EnumMatch {
  const google::protobuf::EnumValueDescriptor* value = nullptr;
  bool loose = false;  // not written exactly as declared or as its enum_value.name
};

struct EnumInfo {
  NameTable<const google::protobuf::EnumValueDescriptor*> exact;
  NameTable<const google::protobuf::EnumValueDescriptor*> loose;
  std::string choices;  // "low, medium, high", for messages

  EnumMatch find(std::string_view word) const;
};

// Lowercase, without '_', '-', ' ' and '.': the form loose matches compare.
std::string loose_form(std::string_view text);

// Whether a field may be filled from the model's answer (not `(instructor.field).skip`).
bool is_parsed(const google::protobuf::FieldDescriptor* field);

// The tables of the types one decoder meets. Tables of generated types (whose
// descriptors live as long as the program) are built once per process and
// shared by all threads; those of dynamic types belong to the index.
class FieldIndex {
 public:
  const MessageInfo& message(const google::protobuf::Descriptor* descriptor);
  const EnumInfo& enumeration(const google::protobuf::EnumDescriptor* descriptor);

 private:
  // The tables of one kind of type (messages or enums): the types met last in
  // front (a document meets a handful of types again and again), then those
  // met before; dynamic types' tables are owned here.
  template <typename Descriptor_, typename Info>
  struct Tables {
    struct Recent {
      const Descriptor_* descriptor = nullptr;
      const Info* info = nullptr;
    };
    std::array<Recent, 8> recent{};
    std::unordered_map<const Descriptor_*, const Info*> known;
    std::vector<std::unique_ptr<Info>> own;
  };
  Tables<google::protobuf::Descriptor, MessageInfo> messages_;
  Tables<google::protobuf::EnumDescriptor, EnumInfo> enums_;
};

}  // namespace instructor::mapping
