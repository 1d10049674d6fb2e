// What is complete in a message that is still being streamed in.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

#include "instructor/detail/records_by_message.h"
#include "instructor/field_number_set.h"

namespace google::protobuf {
class Message;
}

namespace instructor {

// Filled by the mapper while a message is decoded chunk by chunk; after each
// feed() it says which parts of the partial message will not change any more.
//
// - A message instance is complete once its closing brace was read (or, for
//   a message filled from a single value, once that value was read).
// - A field is complete once its whole value was read: a scalar or string
//   when it ends (a string still being read is not complete, nor is a number
//   that may have more digits to come), a message field when that message
//   closes, a repeated or map field when its closing bracket or brace is read.
// - Item i of a repeated field is complete once the item ended: use it to
//   hand out each list item the moment it closes. A '}' inside a string value
//   is text, never the end of an item. Map pairs appear in the message only
//   once complete.
//
// Keys are message addresses, like Presence (see presence.h for map values).
// MessageDecoder's on_complete callback reports the same events as they happen.
class Completeness {
 public:
  bool message_complete(const google::protobuf::Message& message) const;
  bool field_complete(const google::protobuf::Message& message, int field_number) const;
  // How many leading items of a repeated field are complete.
  std::size_t complete_items(const google::protobuf::Message& message, int field_number) const;
  bool item_complete(const google::protobuf::Message& message, int field_number, std::size_t index) const {
    return index < complete_items(message, field_number);
  }

  void mark_message_complete(const google::protobuf::Message& message);
  void mark_field_complete(const google::protobuf::Message& message, int field_number);
  void mark_item_complete(const google::protobuf::Message& message, int field_number);
  // Forgets one field, or everything about one message (it was cleared and may be reused).
  void forget_field(const google::protobuf::Message& message, int field_number);
  void forget(const google::protobuf::Message& message);
  // Moves every record of `from` to `to` (used when a message is swapped into place).
  void rekey(const google::protobuf::Message& from, const google::protobuf::Message& to);
  void clear();

  // One message's record, for the mapper: it marks through it without a
  // look-up each time. It stays at its address until forget() or clear().
  struct Record {
    Record() = default;
    Record(Record&&) noexcept = default;
    Record& operator=(Record&&) noexcept = default;
    Record(const Record& other);
    Record& operator=(const Record& other) {
      if (this != &other) *this = Record(other);
      return *this;
    }

    bool complete = false;
    FieldNumberSet fields;
    // How many leading items are complete, per repeated field: the first
    // few fields inline (most messages have no more), the rest out of line
    // (null until needed: a record fills one cache line with its key).
    struct Items {
      int field_number = 0;
      std::uint32_t count = 0;
    };
    std::array<Items, 3> first_items{};
    std::unique_ptr<std::vector<Items>> more_items;

    std::size_t complete_items(int field_number) const;
    void add_complete_item(int field_number);
    void forget_items(int field_number);
  };
  Record& record_of(const google::protobuf::Message& message) { return records_[&message]; }

 private:
  const Record* find(const google::protobuf::Message& message) const { return records_.find(&message); }
  detail::RecordsByMessage<Record> records_;
};

}  // namespace instructor
