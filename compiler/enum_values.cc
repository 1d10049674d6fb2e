#include "enum_values.h"

#include <string_view>

#include "instructor/options.pb.h"

namespace instructor::compiler {
namespace {

bool EndsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

}  // namespace

std::string ModelName(const google::protobuf::EnumValueDescriptor* value) {
  const auto& options = value->options().GetExtension(instructor::enum_value);
  return options.has_name() ? options.name() : value->name();
}

bool IsUnsetPlaceholder(const google::protobuf::EnumValueDescriptor* value) {
  const std::string& name = value->name();
  return value->number() == 0 && (name == "UNSPECIFIED" || name == "UNKNOWN" ||
                                  EndsWith(name, "_UNSPECIFIED") || EndsWith(name, "_UNKNOWN"));
}

std::vector<const google::protobuf::EnumValueDescriptor*> OfferedValues(
    const google::protobuf::EnumDescriptor* enum_type) {
  std::vector<const google::protobuf::EnumValueDescriptor*> values;
  for (int i = 0; i < enum_type->value_count(); ++i) {
    if (!IsUnsetPlaceholder(enum_type->value(i))) values.push_back(enum_type->value(i));
  }
  return values;
}

const google::protobuf::EnumValueDescriptor* FindValueByAnyName(
    const google::protobuf::EnumDescriptor* enum_type, const std::string& name) {
  for (int i = 0; i < enum_type->value_count(); ++i) {
    const auto* value = enum_type->value(i);
    if (value->name() == name || ModelName(value) == name) return value;
  }
  return nullptr;
}

}  // namespace instructor::compiler
