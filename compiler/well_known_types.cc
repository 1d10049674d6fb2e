#include "well_known_types.h"

#include <string>
#include <string_view>

namespace instructor::compiler {
namespace {

constexpr std::string_view kPackage = "google.protobuf.";

// `type` or `[type, "null"]`: the wrappers are scalars the model may leave null.
rapidjson::Value Nullable(SchemaNode& node, std::string_view type) {
  rapidjson::Value types(rapidjson::kArrayType);
  types.PushBack(node.String(type), node.allocator());
  types.PushBack(node.String("null"), node.allocator());
  return types;
}

std::string_view ShortName(const google::protobuf::Descriptor* message) {
  std::string_view name = message->full_name();
  return name.substr(kPackage.size());
}

}  // namespace

bool IsWellKnownType(const google::protobuf::Descriptor* message) {
  static constexpr std::string_view kNames[] = {
      "Timestamp",   "Duration",   "DoubleValue", "FloatValue", "Int64Value",
      "UInt64Value", "Int32Value", "UInt32Value", "BoolValue",  "StringValue",
      "BytesValue",  "Struct",     "Value",       "ListValue",  "FieldMask",
      "Empty",       "Any"};
  const std::string_view full_name = message->full_name();
  if (full_name.substr(0, kPackage.size()) != kPackage) return false;
  for (std::string_view name : kNames) {
    if (ShortName(message) == name) return true;
  }
  return false;
}

bool AcceptsNull(const google::protobuf::Descriptor* message) {
  if (!IsWellKnownType(message)) return false;
  const std::string_view name = ShortName(message);
  return name == "Value" || (name.size() > 5 && name.substr(name.size() - 5) == "Value" && name != "ListValue");
}

bool IsAny(const google::protobuf::Descriptor* message) {
  return message->full_name() == "google.protobuf.Any";
}

void DescribeWellKnownType(const google::protobuf::Descriptor* message, SchemaNode& node) {
  const std::string_view name = ShortName(message);
  if (name == "Timestamp") {
    node.SetString("type", "string").SetString("format", "date-time");
    node.SetTypeDescription("An RFC 3339 date-time, e.g. \"2024-05-01T12:30:00Z\".");
  } else if (name == "Duration") {
    node.SetString("type", "string").SetString("pattern", "^-?[0-9]+(\\.[0-9]{1,9})?s$");
    node.SetTypeDescription(
        "A duration in seconds with an \"s\" suffix and up to 9 decimals, e.g. \"90s\" or \"1.5s\".");
  } else if (name == "DoubleValue" || name == "FloatValue") {
    node.SetValue("type", Nullable(node, "number"));
  } else if (name == "Int64Value" || name == "UInt64Value" || name == "Int32Value" ||
             name == "UInt32Value") {
    node.SetValue("type", Nullable(node, "integer"));
  } else if (name == "BoolValue") {
    node.SetValue("type", Nullable(node, "boolean"));
  } else if (name == "StringValue") {
    node.SetValue("type", Nullable(node, "string"));
  } else if (name == "BytesValue") {
    node.SetValue("type", Nullable(node, "string")).SetString("contentEncoding", "base64");
  } else if (name == "Struct") {
    node.SetString("type", "object");
  } else if (name == "ListValue") {
    node.SetString("type", "array");
  } else if (name == "FieldMask") {
    node.SetString("type", "string");
    node.SetTypeDescription("Comma-separated field paths, e.g. \"name,address.city\".");
  } else if (name == "Empty") {
    node.SetString("type", "object")
        .SetValue("properties", rapidjson::Value(rapidjson::kObjectType))
        .SetBool("additionalProperties", false);
  }
  // google.protobuf.Value: any JSON value, so no keyword at all.
}

}  // namespace instructor::compiler
