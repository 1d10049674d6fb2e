#include "message_schema.h"

#include <algorithm>

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include "descriptions.h"
#include "enum_values.h"
#include "field_presence.h"
#include "rule_keywords.h"
#include "well_known_types.h"

namespace instructor::compiler {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;

constexpr char kDialect[] = "https://json-schema.org/draft/2020-12/schema";

const FieldOptions& OptionsOf(const FieldDescriptor* field) {
  return field->options().GetExtension(instructor::field);
}

bool IsUnsignedInteger(const FieldDescriptor* field) {
  return field->cpp_type() == FieldDescriptor::CPPTYPE_UINT32 ||
         field->cpp_type() == FieldDescriptor::CPPTYPE_UINT64;
}

}  // namespace

std::string OneofSentence(const FieldDescriptor* field) {
  const auto* oneof = field->real_containing_oneof();
  if (oneof == nullptr) return "";
  std::vector<std::string> members;
  for (int i = 0; i < oneof->field_count(); ++i) {
    if (!OptionsOf(oneof->field(i)).skip()) members.push_back(oneof->field(i)->name());
  }
  const bool required = oneof->options().GetExtension(instructor::oneof).required();
  return std::string(required ? "Exactly one of " : "At most one of ") +
         JoinNonEmpty(members, ", ") + (required ? " must be set" : " may be set") +
         " (oneof " + oneof->name() + ").";
}

MessageSchema::MessageSchema(const Descriptor* root) : root_(root) { document_.SetObject(); }

std::string MessageSchema::ToJson() {
  auto& allocator = document_.GetAllocator();
  rapidjson::Value root = MessageObject(root_);
  document_.AddMember("$schema", kDialect, allocator);
  for (auto& member : root.GetObject()) {
    document_.AddMember(std::move(member.name), std::move(member.value), allocator);
  }
  // Building a definition may reference further messages: the list grows as we go.
  rapidjson::Value definitions(rapidjson::kObjectType);
  for (size_t i = 0; i < definitions_.size(); ++i) {
    const Descriptor* message = definitions_[i];
    rapidjson::Value name(message->full_name().c_str(), allocator);
    definitions.AddMember(std::move(name), MessageObject(message), allocator);
  }
  if (!definitions.ObjectEmpty()) document_.AddMember("$defs", std::move(definitions), allocator);

  rapidjson::StringBuffer buffer;
  rapidjson::PrettyWriter<rapidjson::StringBuffer> writer(buffer);
  writer.SetIndent(' ', 2);
  writer.SetFormatOptions(rapidjson::kFormatSingleLineArray);
  document_.Accept(writer);
  return std::string(buffer.GetString(), buffer.GetSize());
}

rapidjson::Value MessageSchema::MessageObject(const Descriptor* message) {
  auto& allocator = document_.GetAllocator();
  rapidjson::Value properties(rapidjson::kObjectType);
  rapidjson::Value required(rapidjson::kArrayType);
  for (int i = 0; i < message->field_count(); ++i) {
    const FieldDescriptor* field = message->field(i);
    if (OptionsOf(field).skip()) continue;
    rapidjson::Value name(field->name().c_str(), allocator);
    properties.AddMember(std::move(name), FieldSchema(field), allocator);
    if (IsRequired(field)) required.PushBack(rapidjson::Value(field->name().c_str(), allocator), allocator);
  }

  rapidjson::Value object(rapidjson::kObjectType);
  object.AddMember("title", rapidjson::Value(MessageTitle(message).c_str(), allocator), allocator);
  if (const std::string description = MessageDescription(message); !description.empty()) {
    object.AddMember("description", rapidjson::Value(description.c_str(), allocator), allocator);
  }
  object.AddMember("type", "object", allocator);
  object.AddMember("properties", std::move(properties), allocator);
  object.AddMember("required", std::move(required), allocator);
  object.AddMember("additionalProperties", false, allocator);
  return object;
}

rapidjson::Value MessageSchema::FieldSchema(const FieldDescriptor* field) {
  const FieldOptions& options = OptionsOf(field);
  const std::string description =
      JoinNonEmpty({FieldDescription(field), OneofSentence(field)}, " ");
  SchemaNode node(document_.GetAllocator());

  if (field->is_map()) {
    const Descriptor* entry = field->message_type();
    node.SetString("type", "object");
    if (rapidjson::Value keys = MapKeyNode(entry->map_key(), ValueRulesOf(options.map().keys()))
                                    .Finish("");
        !keys.ObjectEmpty()) {
      node.SetValue("propertyNames", std::move(keys));
    }
    node.SetValue("additionalProperties",
                  ValueNode(entry->map_value(), ValueRulesOf(options.map().values())).Finish(""));
    ApplyMapRules(options.map(), node);
  } else if (field->is_repeated()) {
    node.SetString("type", "array");
    node.SetValue("items", ValueNode(field, ValueRulesOf(options.repeated().items())).Finish(""));
    ApplyRepeatedRules(options.repeated(), node);
  } else {
    node = ValueNode(field, ValueRulesOf(options));
  }
  return node.Finish(description, Examples(options.examples()));
}

SchemaNode MessageSchema::ValueNode(const FieldDescriptor* field, const ValueRules& rules) {
  SchemaNode node(document_.GetAllocator());
  switch (field->type()) {
    case FieldDescriptor::TYPE_STRING:
      node.SetString("type", "string");
      if (rules.string) ApplyStringRules(*rules.string, node);
      break;
    case FieldDescriptor::TYPE_BYTES:
      node.SetString("type", "string").SetString("contentEncoding", "base64");
      if (rules.bytes) ApplyBytesRules(*rules.bytes, node);
      break;
    case FieldDescriptor::TYPE_FLOAT:
    case FieldDescriptor::TYPE_DOUBLE:
      node.SetString("type", "number");
      if (rules.number) ApplyNumberRules(*rules.number, node);
      break;
    case FieldDescriptor::TYPE_BOOL:
      node.SetString("type", "boolean");
      break;
    case FieldDescriptor::TYPE_ENUM:
      DescribeEnum(field->enum_type(), rules.enumeration, node);
      break;
    case FieldDescriptor::TYPE_MESSAGE:
    case FieldDescriptor::TYPE_GROUP:
      DescribeMessage(field->message_type(), node);
      break;
    default:  // every integer kind
      node.SetString("type", "integer");
      if (IsUnsignedInteger(field)) node.SetInt("minimum", 0);
      if (rules.integer) ApplyIntegerRules(*rules.integer, node);
      break;
  }
  return node;
}

// Map keys are JSON property names, so always strings; integer and bool keys
// are described by their written form.
SchemaNode MessageSchema::MapKeyNode(const FieldDescriptor* key, const ValueRules& rules) {
  SchemaNode node(document_.GetAllocator());
  switch (key->type()) {
    case FieldDescriptor::TYPE_STRING:
      if (rules.string) ApplyStringRules(*rules.string, node);
      break;
    case FieldDescriptor::TYPE_BOOL:
      node.SetValue("enum", node.StringArray({"true", "false"}));
      break;
    default:  // every integer kind
      node.SetString("pattern", IsUnsignedInteger(key) ? "^[0-9]+$" : "^-?[0-9]+$");
      if (rules.integer) DescribeIntegerRules(*rules.integer, node);
      break;
  }
  return node;
}

void MessageSchema::DescribeEnum(const google::protobuf::EnumDescriptor* enum_type,
                                 const EnumRules* rules, SchemaNode& node) {
  auto allowed = [rules](const google::protobuf::EnumValueDescriptor* value) {
    if (rules == nullptr) return true;
    auto named = [value](const std::string& name) {
      return name == value->name() || name == ModelName(value);
    };
    const bool listed = rules->in().empty() ||
                        std::any_of(rules->in().begin(), rules->in().end(), named);
    return listed && std::none_of(rules->not_in().begin(), rules->not_in().end(), named);
  };
  std::vector<std::string> names;
  std::vector<std::string> value_lines;
  for (const auto* value : OfferedValues(enum_type)) {
    if (!allowed(value)) continue;
    names.push_back(ModelName(value));
    if (const std::string description = EnumValueDescription(value); !description.empty()) {
      value_lines.push_back("- " + ModelName(value) + ": " + description);
    }
  }
  node.SetString("type", "string").SetValue("enum", node.StringArray(names));
  node.SetTypeDescription(JoinNonEmpty(
      {CommentDescription(enum_type), JoinNonEmpty(value_lines, "\n")}, "\n\n"));
}

void MessageSchema::DescribeMessage(const Descriptor* message, SchemaNode& node) {
  if (IsWellKnownType(message)) {
    DescribeWellKnownType(message, node);
    return;
  }
  if (message == root_) {
    node.SetString("$ref", "#");
    return;
  }
  if (defined_.insert(message).second) definitions_.push_back(message);
  node.SetString("$ref", "#/$defs/" + message->full_name());
}

rapidjson::Value MessageSchema::Examples(
    const google::protobuf::RepeatedPtrField<std::string>& examples) {
  if (examples.empty()) return {};
  rapidjson::Value values(rapidjson::kArrayType);
  for (const std::string& example : examples) {
    rapidjson::Document parsed;
    parsed.Parse<rapidjson::kParseFullPrecisionFlag>(example.c_str(), example.size());
    // Invalid examples were refused by CheckOptions before any schema is built.
    if (!parsed.HasParseError()) {
      values.PushBack(rapidjson::Value(parsed, document_.GetAllocator()), document_.GetAllocator());
    }
  }
  return values;
}

}  // namespace instructor::compiler
