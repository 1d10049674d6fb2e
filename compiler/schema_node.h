// One JSON Schema object under construction: its keywords in the order they
// were set, the rule sentences that have no keyword, and what its type says.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <rapidjson/document.h>

namespace instructor::compiler {

using JsonAllocator = rapidjson::MemoryPoolAllocator<>;

class SchemaNode {
 public:
  explicit SchemaNode(JsonAllocator& allocator);

  // Each setter adds `key`, or replaces its value when it is already there.
  SchemaNode& SetValue(std::string_view key, rapidjson::Value value);
  SchemaNode& SetString(std::string_view key, std::string_view text);
  SchemaNode& SetInt(std::string_view key, int64_t number);
  SchemaNode& SetUint(std::string_view key, uint64_t number);
  SchemaNode& SetDouble(std::string_view key, double number);
  SchemaNode& SetBool(std::string_view key, bool flag);

  // A sentence for a rule JSON Schema has no keyword for ("Must start with \"x\".").
  void AddRuleSentence(std::string sentence) { rule_sentences_.push_back(std::move(sentence)); }
  // What the type itself tells the model (an enum's values, a duration's form).
  void SetTypeDescription(std::string text) { type_description_ = std::move(text); }

  // The finished object: "description" first (from `description`, the rule
  // sentences and the type description), then the keywords, then "examples".
  rapidjson::Value Finish(std::string_view description, rapidjson::Value examples = {});

  JsonAllocator& allocator() { return *allocator_; }
  rapidjson::Value String(std::string_view text) const;
  rapidjson::Value StringArray(const std::vector<std::string>& texts) const;

 private:
  JsonAllocator* allocator_;
  rapidjson::Value keywords_{rapidjson::kObjectType};
  std::vector<std::string> rule_sentences_;
  std::string type_description_;
};

}  // namespace instructor::compiler
