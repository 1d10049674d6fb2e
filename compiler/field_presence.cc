#include "field_presence.h"

#include "instructor/options.pb.h"

namespace instructor::compiler {

bool IsRequired(const google::protobuf::FieldDescriptor* field) {
  const auto& options = field->options().GetExtension(instructor::field);
  if (options.required()) return true;
  // Leaving out a list that must have items, or a map that must have pairs, breaks its rule.
  if (field->is_map()) return options.map().min_pairs() >= 1;
  if (field->is_repeated()) return options.repeated().min_items() >= 1;
  if (field->real_containing_oneof() != nullptr) return false;
  if (field->has_optional_keyword()) return false;
  const bool proto2_optional = field->file()->syntax() == google::protobuf::FileDescriptor::SYNTAX_PROTO2 &&
                               field->is_optional();
  return !proto2_optional;
}

}  // namespace instructor::compiler
