#include "schema_node.h"

#include "descriptions.h"

namespace instructor::compiler {

SchemaNode::SchemaNode(JsonAllocator& allocator) : allocator_(&allocator) {}

rapidjson::Value SchemaNode::String(std::string_view text) const {
  return rapidjson::Value(text.data(), static_cast<rapidjson::SizeType>(text.size()), *allocator_);
}

rapidjson::Value SchemaNode::StringArray(const std::vector<std::string>& texts) const {
  rapidjson::Value array(rapidjson::kArrayType);
  for (const auto& text : texts) array.PushBack(String(text), *allocator_);
  return array;
}

SchemaNode& SchemaNode::SetValue(std::string_view key, rapidjson::Value value) {
  const rapidjson::Value name = String(key);
  if (auto found = keywords_.FindMember(name); found != keywords_.MemberEnd()) {
    found->value = std::move(value);
  } else {
    keywords_.AddMember(String(key), std::move(value), *allocator_);
  }
  return *this;
}

SchemaNode& SchemaNode::SetString(std::string_view key, std::string_view text) {
  return SetValue(key, String(text));
}
SchemaNode& SchemaNode::SetInt(std::string_view key, int64_t number) {
  return SetValue(key, rapidjson::Value(number));
}
SchemaNode& SchemaNode::SetUint(std::string_view key, uint64_t number) {
  return SetValue(key, rapidjson::Value(number));
}
SchemaNode& SchemaNode::SetDouble(std::string_view key, double number) {
  return SetValue(key, rapidjson::Value(number));
}
SchemaNode& SchemaNode::SetBool(std::string_view key, bool flag) {
  return SetValue(key, rapidjson::Value(flag));
}

rapidjson::Value SchemaNode::Finish(std::string_view description, rapidjson::Value examples) {
  const std::string text = JoinNonEmpty(
      {JoinNonEmpty({std::string(description), JoinNonEmpty(rule_sentences_, " ")}, " "),
       type_description_},
      "\n\n");
  rapidjson::Value finished(rapidjson::kObjectType);
  if (!text.empty()) finished.AddMember("description", String(text), *allocator_);
  for (auto& member : keywords_.GetObject()) {
    finished.AddMember(std::move(member.name), std::move(member.value), *allocator_);
  }
  if (examples.IsArray()) finished.AddMember("examples", std::move(examples), *allocator_);
  keywords_.SetObject();
  return finished;
}

}  // namespace instructor::compiler
