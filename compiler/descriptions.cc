#include "descriptions.h"

#include "instructor/options.pb.h"

namespace instructor::compiler {
namespace {

std::string_view Trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r");
  return text.substr(first, last - first + 1);
}

}  // namespace

std::string CommentToDescription(std::string_view comment) {
  std::string description;
  bool paragraph_break = false;
  while (!comment.empty()) {
    const auto end = comment.find('\n');
    const std::string_view line = Trim(comment.substr(0, end));
    comment = end == std::string_view::npos ? std::string_view{} : comment.substr(end + 1);
    if (line.empty()) {
      paragraph_break = !description.empty();
      continue;
    }
    if (!description.empty()) description += paragraph_break ? "\n\n" : " ";
    description += line;
    paragraph_break = false;
  }
  return description;
}

std::string MessageDescription(const google::protobuf::Descriptor* message) {
  const auto& options = message->options().GetExtension(instructor::message);
  return options.has_description() ? options.description() : CommentDescription(message);
}

std::string MessageTitle(const google::protobuf::Descriptor* message) {
  const auto& options = message->options().GetExtension(instructor::message);
  return options.has_title() ? options.title() : message->name();
}

std::string FieldDescription(const google::protobuf::FieldDescriptor* field) {
  const auto& options = field->options().GetExtension(instructor::field);
  return options.has_description() ? options.description() : CommentDescription(field);
}

std::string EnumValueDescription(const google::protobuf::EnumValueDescriptor* value) {
  const auto& options = value->options().GetExtension(instructor::enum_value);
  return options.has_description() ? options.description() : CommentDescription(value);
}

std::string JoinNonEmpty(const std::vector<std::string>& parts, std::string_view separator) {
  std::string joined;
  for (const auto& part : parts) {
    if (part.empty()) continue;
    if (!joined.empty()) joined += separator;
    joined += part;
  }
  return joined;
}

std::string Quoted(std::string_view text) {
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') quoted += '\\';
    quoted += c;
  }
  return quoted + "\"";
}

}  // namespace instructor::compiler
