// Builds the JSON Schema (2020-12) of one message: the message at the root,
// and every message type it reaches under "$defs", keyed by full name.
#pragma once

#include <set>
#include <string>
#include <vector>

#include <google/protobuf/descriptor.h>
#include <rapidjson/document.h>

#include "schema_node.h"
#include "value_rules.h"

namespace instructor::compiler {

class MessageSchema {
 public:
  explicit MessageSchema(const google::protobuf::Descriptor* root);

  // The schema as pretty-printed JSON (two-space indent), without a final newline.
  std::string ToJson();

 private:
  rapidjson::Value MessageObject(const google::protobuf::Descriptor* message);
  rapidjson::Value FieldSchema(const google::protobuf::FieldDescriptor* field);
  SchemaNode ValueNode(const google::protobuf::FieldDescriptor* field, const ValueRules& rules);
  SchemaNode MapKeyNode(const google::protobuf::FieldDescriptor* key, const ValueRules& rules);
  void DescribeEnum(const google::protobuf::EnumDescriptor* enum_type,
                    const EnumRules* rules, SchemaNode& node);
  void DescribeMessage(const google::protobuf::Descriptor* message, SchemaNode& node);
  rapidjson::Value Examples(const google::protobuf::RepeatedPtrField<std::string>& examples);

  const google::protobuf::Descriptor* root_;
  rapidjson::Document document_;
  // Message types referenced so far, in order of first reference.
  std::vector<const google::protobuf::Descriptor*> definitions_;
  std::set<const google::protobuf::Descriptor*> defined_;
};

// The sentence telling the model how many members of `field`'s oneof it may set, or "".
std::string OneofSentence(const google::protobuf::FieldDescriptor* field);

}  // namespace instructor::compiler
