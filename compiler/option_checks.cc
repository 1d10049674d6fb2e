#include "option_checks.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <optional>
#include <regex>
#include <set>

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <re2/re2.h>

#include "enum_values.h"
#include "field_presence.h"
#include "instructor/options.pb.h"
#include "value_rules.h"
#include "well_known_types.h"

namespace instructor::compiler {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::EnumDescriptor;
using google::protobuf::FieldDescriptor;
using Int128 = __int128;

// The values an integer field kind can hold.
struct IntegerRange {
  Int128 min;
  Int128 max;
};

IntegerRange RangeOf(const FieldDescriptor* field) {
  switch (field->cpp_type()) {
    case FieldDescriptor::CPPTYPE_INT32: return {INT32_MIN, INT32_MAX};
    case FieldDescriptor::CPPTYPE_UINT32: return {0, UINT32_MAX};
    case FieldDescriptor::CPPTYPE_UINT64: return {0, UINT64_MAX};
    default: return {INT64_MIN, INT64_MAX};
  }
}

bool IsIntegerKind(const FieldDescriptor* field) {
  switch (field->cpp_type()) {
    case FieldDescriptor::CPPTYPE_INT32:
    case FieldDescriptor::CPPTYPE_INT64:
    case FieldDescriptor::CPPTYPE_UINT32:
    case FieldDescriptor::CPPTYPE_UINT64: return true;
    default: return false;
  }
}

// The rule set a value of `field`'s type takes, for error messages.
const char* RuleSetFor(const FieldDescriptor* field) {
  if (IsIntegerKind(field)) return "integer";
  switch (field->type()) {
    case FieldDescriptor::TYPE_STRING: return "string";
    case FieldDescriptor::TYPE_BYTES: return "bytes";
    case FieldDescriptor::TYPE_FLOAT:
    case FieldDescriptor::TYPE_DOUBLE: return "number";
    case FieldDescriptor::TYPE_ENUM: return "enum";
    default: return nullptr;  // bool and message values take no rules
  }
}

std::string Text(Int128 number) {
  if (number < 0) return "-" + Text(-number);
  std::string digits;
  do {
    digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(number % 10)));
    number /= 10;
  } while (number > 0);
  return digits;
}

std::string Lowercase(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

class OptionChecker {
 public:
  explicit OptionChecker(const google::protobuf::FileDescriptor* file) : file_(file) {}

  std::vector<std::string> Run() {
    for (int i = 0; i < file_->message_type_count(); ++i) CheckMessage(file_->message_type(i));
    for (int i = 0; i < file_->enum_type_count(); ++i) CheckEnum(file_->enum_type(i));
    return std::move(errors_);
  }

 private:
  void Fail(const std::string& where, const std::string& what) {
    errors_.push_back(where + ": " + what);
  }

  void CheckMessage(const Descriptor* message) {
    for (int i = 0; i < message->field_count(); ++i) CheckField(message->field(i));
    for (int i = 0; i < message->nested_type_count(); ++i) {
      if (!message->nested_type(i)->options().map_entry()) CheckMessage(message->nested_type(i));
    }
    for (int i = 0; i < message->enum_type_count(); ++i) CheckEnum(message->enum_type(i));
  }

  void CheckField(const FieldDescriptor* field) {
    const std::string& where = field->full_name();
    const FieldOptions& options = field->options().GetExtension(instructor::field);
    const FieldDescriptor* value = field->is_map() ? field->message_type()->map_value() : field;
    if (value->message_type() != nullptr && IsAny(value->message_type())) {
      Fail(where, "google.protobuf.Any cannot be described by a JSON Schema; use a concrete "
                  "message type, or google.protobuf.Struct for free-form JSON");
    }
    if (options.skip() && options.required()) Fail(where, "skip and required contradict each other");
    CheckRequiredCycle(field);
    for (int i = 0; i < options.examples_size(); ++i) CheckExample(where, i, options.examples(i));

    if (field->is_map()) {
      if (options.has_map()) {
        CheckMap(where, field, options.map());
      } else if (options.rules_case() != FieldOptions::RULES_NOT_SET) {
        Fail(where, "a map field takes map rules: put key and value rules under map.keys and map.values");
      }
    } else if (field->is_repeated()) {
      if (options.has_repeated()) {
        CheckRepeated(where, field, options.repeated());
      } else if (options.rules_case() != FieldOptions::RULES_NOT_SET) {
        Fail(where, "a repeated field takes repeated rules: put the rules for each item under repeated.items");
      }
    } else if (options.has_repeated() || options.has_map()) {
      const std::string kind = options.has_map() ? "map" : "repeated";
      Fail(where, kind + " rules apply to " + kind + " fields, not to a singular " +
                      field->type_name() + " field");
    } else {
      CheckValueRules(where, "", field, ValueRulesOf(options));
    }
  }

  // A required message field whose type leads back to the field's own message
  // through required message fields has no finite answer.
  void CheckRequiredCycle(const FieldDescriptor* field) {
    if (!IsRequiredMessage(field)) return;
    std::vector<const FieldDescriptor*> path = {field};
    std::set<const Descriptor*> visited;
    if (LeadsBackTo(field->containing_type(), field->message_type(), path, visited)) {
      std::string chain = field->containing_type()->name();
      for (const auto* step : path) chain += "." + step->name();
      Fail(field->full_name(), "required fields lead back to " + field->containing_type()->full_name() +
                                   " (" + chain + "), so no finite answer exists; declare one of them optional");
    }
  }

  static bool IsRequiredMessage(const FieldDescriptor* field) {
    return field->type() == FieldDescriptor::TYPE_MESSAGE && !field->is_repeated() &&
           !IsWellKnownType(field->message_type()) && IsRequired(field) &&
           !field->options().GetExtension(instructor::field).skip();
  }

  static bool LeadsBackTo(const Descriptor* target, const Descriptor* from,
                          std::vector<const FieldDescriptor*>& path, std::set<const Descriptor*>& visited) {
    if (from == target) return true;
    if (!visited.insert(from).second) return false;
    for (int i = 0; i < from->field_count(); ++i) {
      const FieldDescriptor* next = from->field(i);
      if (!IsRequiredMessage(next)) continue;
      path.push_back(next);
      if (LeadsBackTo(target, next->message_type(), path, visited)) return true;
      path.pop_back();
    }
    return false;
  }

  void CheckRepeated(const std::string& where, const FieldDescriptor* field, const RepeatedRules& rules) {
    if (rules.has_min_items() && rules.has_max_items() && rules.min_items() > rules.max_items()) {
      Fail(where, "repeated.min_items (" + std::to_string(rules.min_items()) +
                      ") is greater than repeated.max_items (" + std::to_string(rules.max_items()) + ")");
    }
    CheckValueRules(where, "repeated.items.", field, ValueRulesOf(rules.items()));
  }

  void CheckMap(const std::string& where, const FieldDescriptor* field, const MapRules& rules) {
    if (rules.has_min_pairs() && rules.has_max_pairs() && rules.min_pairs() > rules.max_pairs()) {
      Fail(where, "map.min_pairs (" + std::to_string(rules.min_pairs()) +
                      ") is greater than map.max_pairs (" + std::to_string(rules.max_pairs()) + ")");
    }
    CheckValueRules(where, "map.keys.", field->message_type()->map_key(), ValueRulesOf(rules.keys()));
    CheckValueRules(where, "map.values.", field->message_type()->map_value(), ValueRulesOf(rules.values()));
  }

  // `value` is the field whose type the rules constrain (the map key or value field for maps).
  void CheckValueRules(const std::string& where, const std::string& prefix,
                       const FieldDescriptor* value, const ValueRules& rules) {
    if (rules.empty()) return;
    const char* given = rules.string ? "string" : rules.integer ? "integer" : rules.number ? "number"
                        : rules.bytes ? "bytes" : "enum";
    const char* expected = RuleSetFor(value);
    if (expected == nullptr || std::string(expected) != given) {
      Fail(where, prefix + given + " rules do not apply to " + value->type_name() + " values" +
                      (expected ? std::string("; use ") + prefix + expected + " rules" : std::string()));
      return;
    }
    if (rules.string) CheckString(where, prefix + "string.", *rules.string);
    if (rules.integer) CheckInteger(where, prefix + "integer.", value, *rules.integer);
    if (rules.number) CheckNumber(where, prefix + "number.", *rules.number);
    if (rules.bytes) CheckBytes(where, prefix + "bytes.", *rules.bytes);
    if (rules.enumeration) CheckEnumRules(where, prefix + "enum.", value->enum_type(), *rules.enumeration);
  }

  void CheckString(const std::string& where, const std::string& prefix, const StringRules& rules) {
    if (rules.has_len() && (rules.has_min_len() || rules.has_max_len())) {
      Fail(where, prefix + "len cannot be combined with " + prefix + "min_len or " + prefix + "max_len");
    }
    if (rules.has_min_len() && rules.has_max_len() && rules.min_len() > rules.max_len()) {
      Fail(where, prefix + "min_len (" + std::to_string(rules.min_len()) + ") is greater than " +
                      prefix + "max_len (" + std::to_string(rules.max_len()) + ")");
    }
    if (rules.has_pattern()) CheckPattern(where, prefix, rules.pattern());
    for (const std::string& word : rules.in()) {
      if (std::find(rules.not_in().begin(), rules.not_in().end(), word) != rules.not_in().end()) {
        Fail(where, prefix + "in and " + prefix + "not_in both list \"" + word + "\"");
      }
    }
  }

  // The pattern reaches the model as JSON Schema (ECMAScript) and is checked at
  // run time with RE2: it must mean the same to both.
  void CheckPattern(const std::string& where, const std::string& prefix, const std::string& pattern) {
    RE2 re2(pattern, RE2::Quiet);
    if (!re2.ok()) {
      Fail(where, prefix + "pattern \"" + pattern + "\" does not compile: " + re2.error());
      return;
    }
    try {
      std::regex ecmascript(pattern, std::regex::ECMAScript);
    } catch (const std::regex_error& error) {
      Fail(where, prefix + "pattern \"" + pattern + "\" is not a valid ECMAScript regular expression: " +
                      error.what());
    }
  }

  void CheckInteger(const std::string& where, const std::string& prefix,
                    const FieldDescriptor* value, const IntegerRules& rules) {
    if (rules.has_gt() && rules.has_gte()) Fail(where, prefix + "gt and " + prefix + "gte cannot both be set");
    if (rules.has_lt() && rules.has_lte()) Fail(where, prefix + "lt and " + prefix + "lte cannot both be set");
    const IntegerRange type = RangeOf(value);
    Int128 low = type.min;
    Int128 high = type.max;
    if (rules.has_gt()) low = std::max(low, Int128{rules.gt()} + 1);
    if (rules.has_gte()) low = std::max(low, Int128{rules.gte()});
    if (rules.has_lt()) high = std::min(high, Int128{rules.lt()} - 1);
    if (rules.has_lte()) high = std::min(high, Int128{rules.lte()});
    if (low > high) {
      Fail(where, std::string("no ") + value->type_name() + " value satisfies the bounds of " + prefix +
                      "gt/gte/lt/lte (the smallest allowed would be " + Text(low) +
                      ", the largest " + Text(high) + ")");
      return;
    }
    if (rules.has_const_() && (rules.const_() < low || rules.const_() > high)) {
      Fail(where, prefix + "const (" + std::to_string(rules.const_()) + ") is outside the bounds [" +
                      Text(low) + ", " + Text(high) + "]");
    }
    for (int64_t allowed : rules.in()) {
      if (allowed < low || allowed > high) {
        Fail(where, prefix + "in lists " + std::to_string(allowed) + ", outside the bounds [" +
                        Text(low) + ", " + Text(high) + "]");
      }
    }
  }

  void CheckNumber(const std::string& where, const std::string& prefix, const NumberRules& rules) {
    if (rules.has_gt() && rules.has_gte()) Fail(where, prefix + "gt and " + prefix + "gte cannot both be set");
    if (rules.has_lt() && rules.has_lte()) Fail(where, prefix + "lt and " + prefix + "lte cannot both be set");
    const std::pair<const char*, std::optional<double>> bounds[] = {
        {"gt", rules.has_gt() ? std::optional(rules.gt()) : std::nullopt},
        {"gte", rules.has_gte() ? std::optional(rules.gte()) : std::nullopt},
        {"lt", rules.has_lt() ? std::optional(rules.lt()) : std::nullopt},
        {"lte", rules.has_lte() ? std::optional(rules.lte()) : std::nullopt}};
    for (const auto& [name, bound] : bounds) {
      if (bound && !std::isfinite(*bound)) Fail(where, prefix + name + " must be a finite number");
    }
    const std::optional<double> low = bounds[0].second ? bounds[0].second : bounds[1].second;
    const std::optional<double> high = bounds[2].second ? bounds[2].second : bounds[3].second;
    const bool exclusive = rules.has_gt() || rules.has_lt();
    if (low && high && (*low > *high || (*low == *high && exclusive))) {
      Fail(where, "no number satisfies the bounds of " + prefix + "gt/gte/lt/lte");
    }
  }

  void CheckBytes(const std::string& where, const std::string& prefix, const BytesRules& rules) {
    if (rules.has_min_len() && rules.has_max_len() && rules.min_len() > rules.max_len()) {
      Fail(where, prefix + "min_len (" + std::to_string(rules.min_len()) + ") is greater than " +
                      prefix + "max_len (" + std::to_string(rules.max_len()) + ")");
    }
  }

  void CheckEnumRules(const std::string& where, const std::string& prefix,
                      const EnumDescriptor* enum_type, const EnumRules& rules) {
    auto check_names = [&](const google::protobuf::RepeatedPtrField<std::string>& names, const char* rule) {
      for (const std::string& name : names) {
        const auto* value = FindValueByAnyName(enum_type, name);
        if (value == nullptr || IsUnsetPlaceholder(value)) {
          Fail(where, prefix + rule + " names \"" + name + "\", which is not a value of " +
                          enum_type->full_name() + " (values: " + ValueNames(enum_type) + ")");
        }
      }
    };
    check_names(rules.in(), "in");
    check_names(rules.not_in(), "not_in");
  }

  static std::string ValueNames(const EnumDescriptor* enum_type) {
    std::string names;
    for (const auto* value : OfferedValues(enum_type)) {
      if (!names.empty()) names += ", ";
      names += value->name();
    }
    return names;
  }

  void CheckExample(const std::string& where, int index, const std::string& example) {
    rapidjson::Document parsed;
    parsed.Parse(example.c_str(), example.size());
    if (parsed.HasParseError()) {
      Fail(where, "examples[" + std::to_string(index) + "] is not a JSON value: " +
                      rapidjson::GetParseError_En(parsed.GetParseError()) + " (at byte " +
                      std::to_string(parsed.GetErrorOffset()) + " of " + example + ")");
    }
  }

  // Every word the model may write for a value must name only that value,
  // ignoring case, because parsing matches enum words case-insensitively.
  void CheckEnum(const EnumDescriptor* enum_type) {
    std::map<std::string, const google::protobuf::EnumValueDescriptor*> owners;
    for (const auto* value : OfferedValues(enum_type)) {
      const auto& options = value->options().GetExtension(instructor::enum_value);
      std::set<std::string> words = {Lowercase(ModelName(value)),
                                     Lowercase(value->name())};
      for (const std::string& alias : options.aliases()) words.insert(Lowercase(alias));
      for (const std::string& word : words) {
        auto [owner, inserted] = owners.emplace(word, value);
        if (!inserted && owner->second != value) {
          Fail(enum_type->full_name() + "." + value->name(), "the word \"" + word + "\" names both " + owner->second->name() +
                                       " and " + value->name() + " (names and aliases are matched ignoring case)");
        }
      }
    }
  }

  const google::protobuf::FileDescriptor* file_;
  std::vector<std::string> errors_;
};

}  // namespace

std::vector<std::string> CheckOptions(const google::protobuf::FileDescriptor* file) {
  return OptionChecker(file).Run();
}

}  // namespace instructor::compiler
