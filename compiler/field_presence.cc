#include "field_presence.h"

#include "instructor/options.pb.h"

namespace instructor::compiler {

bool IsRequired(const google::protobuf::FieldDescriptor* field) {
  if (field->options().GetExtension(instructor::field).required()) return true;
  if (field->is_repeated() || field->real_containing_oneof() != nullptr) return false;
  if (field->has_optional_keyword()) return false;
  const bool proto2_optional = field->file()->syntax() == google::protobuf::FileDescriptor::SYNTAX_PROTO2 &&
                               field->is_optional();
  return !proto2_optional;
}

}  // namespace instructor::compiler
