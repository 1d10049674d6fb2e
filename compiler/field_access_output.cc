#include "field_access_output.h"

#include <map>
#include <set>
#include <utility>

#include <google/protobuf/compiler/cpp/names.h>

#include "cpp_output.h"
#include "messages_of_file.h"
#include "instructor/options.pb.h"

namespace instructor::compiler {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::compiler::cpp::ClassName;
using google::protobuf::compiler::cpp::FieldName;
using google::protobuf::compiler::cpp::QualifiedClassName;

bool HasAccess(const google::protobuf::FileDescriptor* file) {
  return file->options().optimize_for() != google::protobuf::FileOptions::LITE_RUNTIME;
}

std::string TableName(const Descriptor* message) { return "k" + ClassName(message) + "Fields"; }
std::string KeyFunctionName(const Descriptor* message) { return ClassName(message) + "FieldOfKey"; }

// The keys naming each field exactly, in the mapper's order of precedence:
// fields in declaration order, each by its name, then its json_name.
std::map<std::size_t, std::vector<std::pair<std::string, int>>> KeysByLength(const Descriptor* message) {
  std::map<std::size_t, std::vector<std::pair<std::string, int>>> keys;
  std::set<std::string> seen;
  for (int i = 0; i < message->field_count(); ++i) {
    const FieldDescriptor* field = message->field(i);
    if (field->options().GetExtension(instructor::field).skip()) continue;
    for (const std::string& key : {field->name(), field->json_name()}) {
      if (seen.insert(key).second) keys[key.size()].emplace_back(key, i);
    }
  }
  return keys;
}

// int FooFieldOfKey(std::string_view key): a switch on the key's length, then its spellings.
void WriteKeyFunction(CodeWriter& out, const Descriptor* message) {
  out.Line("");
  out.Line("// The field of " + message->full_name() + " a JSON key names exactly, by index; -1 for none.");
  out.Open("int " + KeyFunctionName(message) + "(std::string_view key) {");
  out.Open("switch (key.size()) {");
  for (const auto& [length, keys] : KeysByLength(message)) {
    out.Line("case " + std::to_string(length) + ":");
    for (const auto& [key, index] : keys) {
      out.Line("  if (key == " + CppStringLiteral(key) + ") return " + std::to_string(index) + ";");
    }
    out.Line("  break;");
  }
  out.Close();
  out.Line("return -1;");
  out.Close();
}

// The member of FieldValue `v` a field's type reads, converted to the setter's type.
std::string ValueExpression(const FieldDescriptor* field, const std::string& v = "v") {
  switch (field->type()) {
    case FieldDescriptor::TYPE_INT32:
    case FieldDescriptor::TYPE_SINT32:
    case FieldDescriptor::TYPE_SFIXED32: return "static_cast<std::int32_t>(" + v + ".int64)";
    case FieldDescriptor::TYPE_INT64:
    case FieldDescriptor::TYPE_SINT64:
    case FieldDescriptor::TYPE_SFIXED64: return v + ".int64";
    case FieldDescriptor::TYPE_UINT32:
    case FieldDescriptor::TYPE_FIXED32: return "static_cast<std::uint32_t>(" + v + ".uint64)";
    case FieldDescriptor::TYPE_UINT64:
    case FieldDescriptor::TYPE_FIXED64: return v + ".uint64";
    case FieldDescriptor::TYPE_DOUBLE: return v + ".real";
    case FieldDescriptor::TYPE_FLOAT: return "static_cast<float>(" + v + ".real)";
    case FieldDescriptor::TYPE_BOOL: return v + ".boolean";
    case FieldDescriptor::TYPE_ENUM: return "static_cast<" + QualifiedClassName(field->enum_type()) + ">(" + v + ".enum_number)";
    case FieldDescriptor::TYPE_STRING:
    case FieldDescriptor::TYPE_BYTES: return "std::move(*" + v + ".text)";
    default: return "";
  }
}

// Why a field keeps to reflection, or empty when it has direct access.
std::string ReflectionOnly(const FieldDescriptor* field) {
  if (field->options().GetExtension(instructor::field).skip()) return "skipped, never filled";
  if (field->is_map() && field->message_type()->map_value()->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
    return "a map of messages, stored through reflection";
  }
  if (field->options().weak()) return "weak, stored through reflection";
  if (field->cpp_type() == FieldDescriptor::CPPTYPE_STRING &&
      field->options().ctype() != google::protobuf::FieldOptions::STRING) {
    return "not a std::string, stored through reflection";
  }
  return "";
}

void WriteField(CodeWriter& out, const FieldDescriptor* field) {
  const std::string type = QualifiedClassName(field->containing_type());
  const std::string name = FieldName(field);
  const std::string why = ReflectionOnly(field);
  if (!why.empty()) {
    out.Line("{},  // " + field->name() + ": " + why);
    return;
  }
  const std::string self = "static_cast<" + type + "&>(m)";
  out.Line("// " + field->name());
  const std::string size =
      " .size = [](const Message& m) { return static_cast<const " + type + "&>(m)." + name + "_size(); }},";
  if (field->is_map()) {
    const Descriptor* entry = field->message_type();
    out.Line("{.put_pair = [](Message& m, FieldValue k, FieldValue v) {");
    out.Line("   auto [pair, added] = " + self + ".mutable_" + name + "()->try_emplace(" +
             ValueExpression(entry->map_key(), "k") + ");");
    out.Line("   pair->second = " + ValueExpression(entry->map_value()) + ";");
    out.Line("   return !added;");
    out.Line(" },");
    out.Line(size);
    return;
  }
  const bool repeated = field->is_repeated();
  std::string members;
  if (field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
    members = "{.open = [](Message& m) -> Message* { return " + self + "." + (repeated ? "add_" : "mutable_") +
              name + "(); }";
  } else {
    members = "{.put = [](Message& m, FieldValue v) { " + self + "." + (repeated ? "add_" : "set_") + name + "(" +
              ValueExpression(field) + "); }";
    if (field->type() == FieldDescriptor::TYPE_STRING) {
      out.Line(members + ",");
      members = " .open_text = [](Message& m) { return " + self + "." + (repeated ? "add_" : "mutable_") + name + "(); }";
    }
  }
  if (!repeated) {
    out.Line(members + "},");
    return;
  }
  out.Line(members + ",");
  out.Line(size);
}

}  // namespace

void WriteFieldAccessTables(CodeWriter& out, const google::protobuf::FileDescriptor* file) {
  if (!HasAccess(file)) return;
  out.Line("// Each message's fields as the JSON mapper stores into them, in the order");
  out.Line("// the descriptor lists them (see instructor/detail/field_access.h).");
  out.Line("namespace {");
  out.Line("");
  out.Line("using detail::FieldAccess;");
  out.Line("using detail::FieldValue;");
  out.Line("using google::protobuf::Message;");
  for (const Descriptor* message : MessagesOfFile(file)) {
    if (message->field_count() == 0) continue;
    out.Line("");
    out.Line("// " + message->full_name());
    out.Open("constexpr FieldAccess " + TableName(message) + "[] = {");
    for (int i = 0; i < message->field_count(); ++i) WriteField(out, message->field(i));
    out.Close("};");
    WriteKeyFunction(out, message);
  }
  out.Line("");
  out.Line("}  // namespace");
}

std::vector<std::string> FieldAccessRegistrations(const google::protobuf::FileDescriptor* file) {
  std::vector<std::string> lines;
  if (!HasAccess(file)) return lines;
  for (const Descriptor* message : MessagesOfFile(file)) {
    const std::string count = std::to_string(message->field_count());
    const bool empty = message->field_count() == 0;
    lines.push_back("detail::register_field_access(" + CppStringLiteral(message->full_name()) + ", {[]() -> const " +
                    "google::protobuf::Message& { return " + QualifiedClassName(message) + "::default_instance(); }, " +
                    (empty ? "nullptr" : TableName(message)) + ", " + count + ", " +
                    (empty ? "nullptr" : KeyFunctionName(message)) + "});");
  }
  return lines;
}

}  // namespace instructor::compiler
