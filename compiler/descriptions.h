// The text a model reads about a message, field, enum or enum value: the
// instructor option when it is set, else the .proto comment.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <google/protobuf/descriptor.h>

namespace instructor::compiler {

// A comment as a description: each line trimmed, lines of one paragraph joined
// by a space, paragraphs separated by a blank line ("\n\n").
std::string CommentToDescription(std::string_view comment);

// The leading comment of a declaration, else its trailing comment, as a description.
template <typename Descriptor>
std::string CommentDescription(const Descriptor* descriptor) {
  google::protobuf::SourceLocation location;
  if (!descriptor->GetSourceLocation(&location)) return "";
  std::string text = CommentToDescription(location.leading_comments);
  return text.empty() ? CommentToDescription(location.trailing_comments) : text;
}

std::string MessageDescription(const google::protobuf::Descriptor* message);
std::string MessageTitle(const google::protobuf::Descriptor* message);
std::string FieldDescription(const google::protobuf::FieldDescriptor* field);
std::string EnumValueDescription(const google::protobuf::EnumValueDescriptor* value);

// Joins the non-empty parts with `separator`.
std::string JoinNonEmpty(const std::vector<std::string>& parts, std::string_view separator);

// `text` in double quotes, with quotes and backslashes escaped, for rule sentences.
std::string Quoted(std::string_view text);

}  // namespace instructor::compiler
