#include "messages_of_file.h"

#include <google/protobuf/descriptor.pb.h>

namespace instructor::compiler {
namespace {

void AddWithNested(const google::protobuf::Descriptor* message,
                   std::vector<const google::protobuf::Descriptor*>& messages) {
  if (message->options().map_entry()) return;
  messages.push_back(message);
  for (int i = 0; i < message->nested_type_count(); ++i) AddWithNested(message->nested_type(i), messages);
}

}  // namespace

std::vector<const google::protobuf::Descriptor*> MessagesOfFile(const google::protobuf::FileDescriptor* file) {
  std::vector<const google::protobuf::Descriptor*> messages;
  for (int i = 0; i < file->message_type_count(); ++i) AddWithNested(file->message_type(i), messages);
  return messages;
}

}  // namespace instructor::compiler
