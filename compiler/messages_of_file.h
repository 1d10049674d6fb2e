// The messages a .proto file declares, for which code and schemas are written.
#pragma once

#include <vector>

#include <google/protobuf/descriptor.h>

namespace instructor::compiler {

// Every message of `file`, nested ones right after their parent, in
// declaration order; map entry types are left out.
std::vector<const google::protobuf::Descriptor*> MessagesOfFile(const google::protobuf::FileDescriptor* file);

}  // namespace instructor::compiler
