#include "rule_keywords.h"

#include <string>

#include "descriptions.h"

namespace instructor::compiler {
namespace {

template <typename Items, typename Render>
std::string ListText(const Items& items, Render render) {
  std::string text;
  for (const auto& item : items) {
    if (!text.empty()) text += ", ";
    text += render(item);
  }
  return text;
}

std::string QuotedList(const google::protobuf::RepeatedPtrField<std::string>& items) {
  return ListText(items, [](const std::string& item) { return Quoted(item); });
}

std::string IntegerList(const google::protobuf::RepeatedField<int64_t>& items) {
  return ListText(items, [](int64_t item) { return std::to_string(item); });
}

}  // namespace

const StringFormat* FormatOf(const StringRules& rules) {
  static constexpr StringFormat kFormats[] = {
      {StringRules::kEmail, "email", "kEmail"},       {StringRules::kHostname, "hostname", "kHostname"},
      {StringRules::kUri, "uri", "kUri"},             {StringRules::kUuid, "uuid", "kUuid"},
      {StringRules::kIpv4, "ipv4", "kIpv4"},          {StringRules::kIpv6, "ipv6", "kIpv6"},
      {StringRules::kDate, "date", "kDate"},          {StringRules::kDateTime, "date-time", "kDateTime"},
      {StringRules::kTime, "time", "kTime"}};
  for (const StringFormat& format : kFormats) {
    if (format.rule == rules.format_case()) return &format;
  }
  return nullptr;
}

void ApplyStringRules(const StringRules& rules, SchemaNode& node) {
  if (rules.has_len()) {
    node.SetUint("minLength", rules.len()).SetUint("maxLength", rules.len());
  }
  if (rules.has_min_len()) node.SetUint("minLength", rules.min_len());
  if (rules.has_max_len()) node.SetUint("maxLength", rules.max_len());
  if (rules.has_pattern()) node.SetString("pattern", rules.pattern());
  if (const StringFormat* format = FormatOf(rules)) node.SetString("format", format->keyword);
  if (rules.has_const_()) node.SetString("const", rules.const_());
  if (!rules.in().empty()) {
    node.SetValue("enum", node.StringArray({rules.in().begin(), rules.in().end()}));
  }
  if (rules.has_prefix()) node.AddRuleSentence("Must start with " + Quoted(rules.prefix()) + ".");
  if (rules.has_suffix()) node.AddRuleSentence("Must end with " + Quoted(rules.suffix()) + ".");
  if (rules.has_contains()) node.AddRuleSentence("Must contain " + Quoted(rules.contains()) + ".");
  if (rules.has_not_contains()) {
    node.AddRuleSentence("Must not contain " + Quoted(rules.not_contains()) + ".");
  }
  if (!rules.not_in().empty()) {
    node.AddRuleSentence("Must not be any of: " + QuotedList(rules.not_in()) + ".");
  }
}

void ApplyIntegerRules(const IntegerRules& rules, SchemaNode& node) {
  if (rules.has_gt()) node.SetInt("exclusiveMinimum", rules.gt());
  if (rules.has_gte()) node.SetInt("minimum", rules.gte());
  if (rules.has_lt()) node.SetInt("exclusiveMaximum", rules.lt());
  if (rules.has_lte()) node.SetInt("maximum", rules.lte());
  if (rules.has_const_()) node.SetInt("const", rules.const_());
  if (!rules.in().empty()) {
    rapidjson::Value values(rapidjson::kArrayType);
    for (int64_t value : rules.in()) values.PushBack(rapidjson::Value(value), node.allocator());
    node.SetValue("enum", std::move(values));
  }
  if (!rules.not_in().empty()) {
    node.AddRuleSentence("Must not be any of: " + IntegerList(rules.not_in()) + ".");
  }
}

void DescribeIntegerRules(const IntegerRules& rules, SchemaNode& node) {
  if (rules.has_gt()) node.AddRuleSentence("Must be greater than " + std::to_string(rules.gt()) + ".");
  if (rules.has_gte()) node.AddRuleSentence("Must be at least " + std::to_string(rules.gte()) + ".");
  if (rules.has_lt()) node.AddRuleSentence("Must be less than " + std::to_string(rules.lt()) + ".");
  if (rules.has_lte()) node.AddRuleSentence("Must be at most " + std::to_string(rules.lte()) + ".");
  if (rules.has_const_()) node.AddRuleSentence("Must be " + std::to_string(rules.const_()) + ".");
  if (!rules.in().empty()) node.AddRuleSentence("Must be one of: " + IntegerList(rules.in()) + ".");
  if (!rules.not_in().empty()) {
    node.AddRuleSentence("Must not be any of: " + IntegerList(rules.not_in()) + ".");
  }
}

void ApplyNumberRules(const NumberRules& rules, SchemaNode& node) {
  if (rules.has_gt()) node.SetDouble("exclusiveMinimum", rules.gt());
  if (rules.has_gte()) node.SetDouble("minimum", rules.gte());
  if (rules.has_lt()) node.SetDouble("exclusiveMaximum", rules.lt());
  if (rules.has_lte()) node.SetDouble("maximum", rules.lte());
  if (rules.finite()) node.AddRuleSentence("Must be a finite number.");
}

void ApplyBytesRules(const BytesRules& rules, SchemaNode& node) {
  auto bytes = [](uint64_t count) { return std::to_string(count) + (count == 1 ? " byte" : " bytes"); };
  if (rules.has_min_len()) node.AddRuleSentence("Must decode to at least " + bytes(rules.min_len()) + ".");
  if (rules.has_max_len()) node.AddRuleSentence("Must decode to at most " + bytes(rules.max_len()) + ".");
}

void ApplyRepeatedRules(const RepeatedRules& rules, SchemaNode& array_node) {
  if (rules.has_min_items()) array_node.SetUint("minItems", rules.min_items());
  if (rules.has_max_items()) array_node.SetUint("maxItems", rules.max_items());
  if (rules.unique()) array_node.SetBool("uniqueItems", true);
}

void ApplyMapRules(const MapRules& rules, SchemaNode& object_node) {
  if (rules.has_min_pairs()) object_node.SetUint("minProperties", rules.min_pairs());
  if (rules.has_max_pairs()) object_node.SetUint("maxProperties", rules.max_pairs());
}

}  // namespace instructor::compiler
