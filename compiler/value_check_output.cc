#include "value_check_output.h"

#include <cctype>
#include <cstdio>

#include <google/protobuf/compiler/cpp/names.h>

#include "cpp_output.h"
#include "enum_values.h"
#include "rule_keywords.h"
#include "well_known_types.h"

namespace instructor::compiler {
namespace {

using google::protobuf::EnumDescriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::compiler::cpp::QualifiedClassName;

std::string StringList(const google::protobuf::RepeatedPtrField<std::string>& words) {
  std::string list;
  for (const auto& word : words) list += (list.empty() ? "" : ", ") + CppStringLiteral(word);
  return "{" + list + "}";
}

std::string IntegerList(const google::protobuf::RepeatedField<int64_t>& numbers) {
  std::string list;
  for (int64_t number : numbers) list += (list.empty() ? "" : ", ") + std::to_string(number);
  return "{" + list + "}";
}

std::string EnumNumberList(const EnumDescriptor* enum_type, const google::protobuf::RepeatedPtrField<std::string>& names) {
  std::string list;
  for (const auto& name : names) {
    list += (list.empty() ? "" : ", ") + std::to_string(FindValueByAnyName(enum_type, name)->number());
  }
  return "{" + list + "}";
}

std::string DoubleLiteral(double value) {
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%.17g", value);
  return buffer;
}

void WriteStringChecks(CodeWriter& out, const StringRules* rules, const std::string& var) {
  if (rules == nullptr) {
    out.Line("check::Utf8(context, " + var + ");");
    return;
  }
  out.Open("if (check::Utf8(context, " + var + ")) {");
  if (rules->has_min_len() || rules->has_max_len() || rules->has_len()) {
    out.Line("const uint64_t length = check::CodePoints(" + var + ");");
  }
  const std::string head = "(context, " + var + ", ";
  if (rules->has_len()) out.Line("check::StringLen" + head + "length, " + std::to_string(rules->len()) + ");");
  if (rules->has_min_len()) out.Line("check::StringMinLen" + head + "length, " + std::to_string(rules->min_len()) + ");");
  if (rules->has_max_len()) out.Line("check::StringMaxLen" + head + "length, " + std::to_string(rules->max_len()) + ");");
  if (rules->has_pattern()) {
    out.Line("static const check::Pattern pattern(" + CppStringLiteral(rules->pattern()) + ");");
    out.Line("check::StringPattern" + head + "pattern);");
  }
  if (rules->has_prefix()) out.Line("check::StringPrefix" + head + CppStringLiteral(rules->prefix()) + ");");
  if (rules->has_suffix()) out.Line("check::StringSuffix" + head + CppStringLiteral(rules->suffix()) + ");");
  if (rules->has_contains()) out.Line("check::StringContains" + head + CppStringLiteral(rules->contains()) + ");");
  if (rules->has_not_contains()) out.Line("check::StringNotContains" + head + CppStringLiteral(rules->not_contains()) + ");");
  if (!rules->in().empty()) out.Line("check::StringIn" + head + StringList(rules->in()) + ");");
  if (!rules->not_in().empty()) out.Line("check::StringNotIn" + head + StringList(rules->not_in()) + ");");
  if (rules->has_const_()) out.Line("check::StringConst" + head + CppStringLiteral(rules->const_()) + ");");
  if (const StringFormat* format = FormatOf(*rules)) {
    out.Line("check::StringFormat" + head + "check::Format::" + format->enumerator + ");");
  }
  out.Close();
}


void WriteBytesChecks(CodeWriter& out, const BytesRules& rules, const std::string& var) {
  const std::string head = "(context, " + var + ", ";
  if (rules.has_min_len()) out.Line("check::BytesMinLen" + head + std::to_string(rules.min_len()) + ");");
  if (rules.has_max_len()) out.Line("check::BytesMaxLen" + head + std::to_string(rules.max_len()) + ");");
}


void WriteIntegerChecks(CodeWriter& out, const IntegerRules& rules, const std::string& var) {
  const std::string head = "(context, " + var + ", ";
  if (rules.has_gt()) out.Line("check::IntegerGt" + head + std::to_string(rules.gt()) + ");");
  if (rules.has_gte()) out.Line("check::IntegerGte" + head + std::to_string(rules.gte()) + ");");
  if (rules.has_lt()) out.Line("check::IntegerLt" + head + std::to_string(rules.lt()) + ");");
  if (rules.has_lte()) out.Line("check::IntegerLte" + head + std::to_string(rules.lte()) + ");");
  if (rules.has_const_()) out.Line("check::IntegerConst" + head + std::to_string(rules.const_()) + ");");
  if (!rules.in().empty()) out.Line("check::IntegerIn" + head + IntegerList(rules.in()) + ");");
  if (!rules.not_in().empty()) out.Line("check::IntegerNotIn" + head + IntegerList(rules.not_in()) + ");");
}


void WriteNumberChecks(CodeWriter& out, const NumberRules& rules, const std::string& var) {
  const std::string head = "(context, " + var + ", ";
  if (rules.has_gt()) out.Line("check::NumberGt" + head + DoubleLiteral(rules.gt()) + ");");
  if (rules.has_gte()) out.Line("check::NumberGte" + head + DoubleLiteral(rules.gte()) + ");");
  if (rules.has_lt()) out.Line("check::NumberLt" + head + DoubleLiteral(rules.lt()) + ");");
  if (rules.has_lte()) out.Line("check::NumberLte" + head + DoubleLiteral(rules.lte()) + ");");
  if (rules.finite()) out.Line("check::NumberFinite(context, " + var + ");");
}


void WriteEnumChecks(CodeWriter& out, const EnumDescriptor* enum_type, const EnumRules* rules, const std::string& var) {
  const std::string table = NameTable(enum_type);
  const bool narrowed = rules != nullptr && (!rules->in().empty() || !rules->not_in().empty());
  if (!narrowed) {
    out.Line("check::EnumDefined(context, " + var + ", " + table + ");");
    return;
  }
  out.Open("if (check::EnumDefined(context, " + var + ", " + table + ")) {");
  if (!rules->in().empty()) {
    out.Line("check::EnumIn(context, " + var + ", " + EnumNumberList(enum_type, rules->in()) + ", " + table + ");");
  }
  if (!rules->not_in().empty()) {
    out.Line("check::EnumNotIn(context, " + var + ", " + EnumNumberList(enum_type, rules->not_in()) + ", " + table + ");");
  }
  out.Close();
}

}  // namespace

std::string NameTable(const EnumDescriptor* enum_type) {
  std::string name = "k";
  bool upper = true;
  for (char c : enum_type->full_name()) {
    if (c == '.' || c == '_') {
      upper = true;
      continue;
    }
    name += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    upper = false;
  }
  return name + "Names";
}

bool IsGeneratedMessage(const FieldDescriptor* field) {
  return field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE && !IsWellKnownType(field->message_type());
}

bool HasValueChecks(const FieldDescriptor* field, const ValueRules& rules) {
  switch (field->cpp_type()) {
    case FieldDescriptor::CPPTYPE_STRING:
      return field->type() == FieldDescriptor::TYPE_STRING || rules.bytes != nullptr;  // every string is checked for UTF-8
    case FieldDescriptor::CPPTYPE_ENUM: return true;  // the value must be one the model may write
    case FieldDescriptor::CPPTYPE_MESSAGE: return IsGeneratedMessage(field);
    case FieldDescriptor::CPPTYPE_BOOL: return false;
    default: return !rules.empty();
  }
}

void WriteValueChecks(CodeWriter& out, const FieldDescriptor* field, const ValueRules& rules, const std::string& var) {
  switch (field->cpp_type()) {
    case FieldDescriptor::CPPTYPE_STRING:
      if (field->type() == FieldDescriptor::TYPE_BYTES) {
        WriteBytesChecks(out, *rules.bytes, var);
      } else {
        WriteStringChecks(out, rules.string, var);
      }
      break;
    case FieldDescriptor::CPPTYPE_ENUM:
      WriteEnumChecks(out, field->enum_type(), rules.enumeration, var);
      break;
    case FieldDescriptor::CPPTYPE_MESSAGE:
      out.Line("ModelTraits<" + QualifiedClassName(field->message_type()) + ">::validate(" + var + ", context);");
      break;
    case FieldDescriptor::CPPTYPE_DOUBLE:
    case FieldDescriptor::CPPTYPE_FLOAT:
      WriteNumberChecks(out, *rules.number, var);
      break;
    case FieldDescriptor::CPPTYPE_BOOL:
      break;
    default:
      WriteIntegerChecks(out, *rules.integer, var);
      break;
  }
}


}  // namespace instructor::compiler
