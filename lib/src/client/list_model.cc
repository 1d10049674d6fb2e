#include "list_model.h"

#include <google/protobuf/descriptor.pb.h>
#include <google/protobuf/dynamic_message.h>

#include <map>
#include <mutex>
#include <string>

namespace instructor::client {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::DescriptorPool;
using google::protobuf::FieldDescriptorProto;

// The list types live in their own pool, layered over the generated one so
// that they can name generated item types.
struct ListTypes {
  ListTypes() : pool(DescriptorPool::generated_pool()), factory(&pool) { factory.SetDelegateToGeneratedFactory(true); }

  std::mutex mutex;
  DescriptorPool pool;
  google::protobuf::DynamicMessageFactory factory;
  std::map<const Descriptor*, const google::protobuf::Message*> prototypes;
};

ListTypes& list_types() {
  static ListTypes* types = new ListTypes();  // never destroyed: prototypes outlive every call
  return *types;
}

std::string type_name_of(const Descriptor* item) {
  std::string name;
  for (char c : item->full_name()) name += c == '.' ? '_' : c;
  return name + "_List";
}

const Descriptor* build_list_type(ListTypes& types, const Descriptor* item) {
  google::protobuf::FileDescriptorProto file;
  file.set_name("instructor/lists/" + item->full_name() + ".proto");
  file.set_package("instructor.lists");
  file.set_syntax("proto3");
  file.add_dependency(item->file()->name());
  auto* message = file.add_message_type();
  message->set_name(type_name_of(item));
  auto* field = message->add_field();
  field->set_name("items");
  field->set_number(kListItemsField);
  field->set_label(FieldDescriptorProto::LABEL_REPEATED);
  field->set_type(FieldDescriptorProto::TYPE_MESSAGE);
  field->set_type_name("." + item->full_name());
  const google::protobuf::FileDescriptor* built = types.pool.BuildFile(file);
  return built ? built->message_type(0) : nullptr;
}

}  // namespace

const google::protobuf::Message& list_prototype(const Descriptor* item) {
  ListTypes& types = list_types();
  std::lock_guard lock(types.mutex);
  auto it = types.prototypes.find(item);
  if (it != types.prototypes.end()) return *it->second;
  const Descriptor* list = build_list_type(types, item);
  const google::protobuf::Message* prototype = types.factory.GetPrototype(list);
  types.prototypes.emplace(item, prototype);
  return *prototype;
}

}  // namespace instructor::client
