// Counting what the providers' documented schema limits count, field by field,
// so the error names the field where a limit is first crossed.
#include "provider_limits.h"

#include <algorithm>
#include <vector>

#include "schema_walk.h"

namespace instructor::schema {
namespace {

// OpenAI's structured outputs guide, "Supported schemas" (limits as of 2025).
constexpr int kOpenAiMaxDepth = 10;
constexpr int kOpenAiMaxProperties = 5000;
constexpr int kOpenAiMaxEnumValues = 1000;
constexpr std::size_t kOpenAiMaxNameChars = 120000;
constexpr std::size_t kOpenAiLargeEnum = 250;
constexpr std::size_t kOpenAiMaxLargeEnumChars = 15000;

// Anthropic's structured outputs guide, "JSON Schema limitations".
constexpr int kAnthropicMaxOptional = 24;
constexpr int kAnthropicMaxUnions = 16;

std::string limit_error(const std::string& path, const std::string& what, std::string_view provider) {
  return path + ": " + what + " (" + std::string(provider) + "); make the model smaller or use mode TOOLS or JSON";
}

std::size_t text_length(const JsonValue& value) { return value.IsString() ? value.GetStringLength() : 0; }

// The deepest chain of nested objects, references followed (a reference
// already being followed is not followed again: recursion counts once).
class DepthMeter {
 public:
  explicit DepthMeter(const JsonValue& root) : root_(root) {}

  // The depth of `node` (1 for an object with properties), and the field of its deepest object in `deepest`.
  int depth(const JsonValue& node, const std::string& path, std::string& deepest) {
    if (!node.IsObject()) return 0;
    if (std::string ref(string_member(node, "$ref")); !ref.empty()) {
      if (std::find(following_.begin(), following_.end(), ref) != following_.end()) return 0;
      const JsonValue* target = resolve(ref);
      if (target == nullptr) return 0;
      following_.push_back(ref);
      const int d = depth(*target, path, deepest);
      following_.pop_back();
      return d;
    }
    int below = 0;
    std::string below_path = path;
    auto consider = [&](const JsonValue& child, const std::string& child_path) {
      std::string child_deepest = child_path;
      const int d = depth(child, child_path, child_deepest);
      if (d > below) {
        below = d;
        below_path = child_deepest;
      }
    };
    for (const auto& member : node.GetObject()) {
      const std::string_view keyword = key_of(member.name);
      if (keyword == "properties" && member.value.IsObject()) {
        for (const auto& p : member.value.GetObject()) consider(p.value, path + "." + std::string(key_of(p.name)));
      } else if (keyword == "items") {
        consider(member.value, path + "[]");
      } else if ((keyword == "anyOf" || keyword == "prefixItems") && member.value.IsArray()) {
        for (const auto& option : member.value.GetArray()) consider(option, path);
      }
    }
    const bool object = node.HasMember("properties");
    deepest = below_path;
    return below + (object ? 1 : 0);
  }

 private:
  const JsonValue* resolve(const std::string& ref) const {
    if (ref == "#") return &root_;
    if (ref.rfind("#/$defs/", 0) != 0) return nullptr;
    auto defs = root_.FindMember("$defs");
    if (defs == root_.MemberEnd()) return nullptr;
    const std::string name = ref.substr(8);
    for (const auto& def : defs->value.GetObject())
      if (key_of(def.name) == name) return &def.value;
    return nullptr;
  }

  const JsonValue& root_;
  std::vector<std::string> following_ = {"#"};
};

// Totals over every schema node, each $defs entry once.
struct OpenAiTotals {
  int properties = 0;
  int enum_values = 0;
  std::size_t name_chars = 0;
  std::string error;
};

void count_openai(const JsonValue& node, const std::string& path, OpenAiTotals& totals) {
  if (!totals.error.empty()) return;
  constexpr std::string_view provider = "OpenAI's structured outputs";
  if (auto properties = node.FindMember("properties"); properties != node.MemberEnd() && properties->value.IsObject()) {
    for (const auto& p : properties->value.GetObject()) {
      totals.name_chars += p.name.GetStringLength();
      if (++totals.properties > kOpenAiMaxProperties) {
        totals.error = limit_error(path + "." + std::string(key_of(p.name)),
                                   "more than " + std::to_string(kOpenAiMaxProperties) + " object properties in all",
                                   provider);
        return;
      }
    }
  }
  if (auto values = node.FindMember("enum"); values != node.MemberEnd() && values->value.IsArray()) {
    std::size_t chars = 0;
    for (const auto& v : values->value.GetArray()) chars += text_length(v);
    totals.name_chars += chars;
    totals.enum_values += static_cast<int>(values->value.Size());
    if (totals.enum_values > kOpenAiMaxEnumValues) {
      totals.error = limit_error(path, "more than " + std::to_string(kOpenAiMaxEnumValues) + " enum values in all",
                                 provider);
      return;
    }
    if (values->value.Size() > kOpenAiLargeEnum && chars > kOpenAiMaxLargeEnumChars) {
      totals.error = limit_error(path,
                                 "an enum of " + std::to_string(values->value.Size()) + " values with " +
                                     std::to_string(chars) + " characters, more than " +
                                     std::to_string(kOpenAiMaxLargeEnumChars) + " for an enum of over " +
                                     std::to_string(kOpenAiLargeEnum) + " values",
                                 provider);
      return;
    }
  }
  if (auto c = node.FindMember("const"); c != node.MemberEnd()) totals.name_chars += text_length(c->value);
  if (auto defs = node.FindMember("$defs"); defs != node.MemberEnd() && defs->value.IsObject()) {
    for (const auto& def : defs->value.GetObject()) totals.name_chars += def.name.GetStringLength();
  }
  if (totals.name_chars > kOpenAiMaxNameChars) {
    totals.error = limit_error(path,
                               "more than " + std::to_string(kOpenAiMaxNameChars) +
                                   " characters of property names, definition names, enum and const values",
                               provider);
  }
}

bool is_union(const JsonValue& node) {
  if (node.HasMember("anyOf")) return true;
  auto type = node.FindMember("type");
  return type != node.MemberEnd() && type->value.IsArray() && type->value.Size() > 1;
}

}  // namespace

std::string check_openai_strict_limits(const JsonValue& schema, std::string_view full_name) {
  std::string deepest(full_name);
  DepthMeter meter(schema);
  if (const int depth = meter.depth(schema, std::string(full_name), deepest); depth > kOpenAiMaxDepth) {
    return limit_error(deepest,
                       std::to_string(depth) + " levels of nested objects, more than the " +
                           std::to_string(kOpenAiMaxDepth) + " allowed",
                       "OpenAI's structured outputs");
  }
  OpenAiTotals totals;
  read_schemas(schema, std::string(full_name),
               [&](const JsonValue& node, const std::string& path) { count_openai(node, path, totals); });
  return totals.error;
}

std::string check_anthropic_limits(const JsonValue& schema, std::string_view full_name) {
  constexpr std::string_view provider = "Anthropic's structured outputs";
  int optional = 0;
  int unions = 0;
  std::string error;
  read_schemas(schema, std::string(full_name), [&](const JsonValue& node, const std::string& path) {
    auto properties = node.FindMember("properties");
    if (!error.empty() || properties == node.MemberEnd() || !properties->value.IsObject()) return;
    std::vector<std::string_view> required;
    if (auto r = node.FindMember("required"); r != node.MemberEnd() && r->value.IsArray()) {
      for (const auto& name : r->value.GetArray())
        if (name.IsString()) required.push_back(key_of(name));
    }
    for (const auto& p : properties->value.GetObject()) {
      const std::string field = path + "." + std::string(key_of(p.name));
      if (std::find(required.begin(), required.end(), key_of(p.name)) == required.end() &&
          ++optional > kAnthropicMaxOptional) {
        error = limit_error(field, "more than " + std::to_string(kAnthropicMaxOptional) + " optional properties in all",
                            provider);
        return;
      }
      if (p.value.IsObject() && is_union(p.value) && ++unions > kAnthropicMaxUnions) {
        error = limit_error(field,
                            "more than " + std::to_string(kAnthropicMaxUnions) +
                                " properties with union types (anyOf or a type list) in all",
                            provider);
        return;
      }
    }
  });
  return error;
}

}  // namespace instructor::schema
