// The message an iterable's answer is decoded into: {repeated T items = 1;},
// built at run time once per item type T.
#pragma once

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>

namespace instructor::client {

// The prototype of the list of `item` (a generated message type); its items
// are instances of the generated class. Thread-safe; built once per type.
const google::protobuf::Message& list_prototype(const google::protobuf::Descriptor* item);

// The field holding the items.
constexpr int kListItemsField = 1;

}  // namespace instructor::client
