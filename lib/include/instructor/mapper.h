// From a model's answer to a protobuf message: the lenient parser's events
// mapped onto the target message through reflection, with coercions.
//
//   acme::User user;
//   instructor::MessageDecoder decoder(user);
//   for (std::string_view chunk : stream) {
//     if (!decoder.feed(chunk)) break;
//     show(user);                      // everything parsed so far
//   }
//   if (!decoder.finish()) return decoder.error()->to_string();
//   for (auto& v : decoder.violations()) ...   // "age": must be an integer; got 25.5
//
// Or in one call: `auto result = instructor::decode_json(text, user);`
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "instructor/completeness.h"
#include "instructor/json_parser.h"
#include "instructor/presence.h"
#include "instructor/repairs.h"

namespace google::protobuf {
class FieldDescriptor;
class Message;
}  // namespace google::protobuf

namespace instructor {

// A value in the model's answer that cannot go into its field: a wrong JSON
// type, 25.5 for an integer, 300 for a uint8-sized field, an unknown enum
// name. Shaped like validation's violations so the two can be sent back to the
// model together.
struct MappingViolation {
  std::string path;     // "addresses[2].zip", "labels[\"x\"]"; empty for the message itself
  std::string rule;     // "type.integer", "integer.range", "enum.defined", "type.mismatch"...
  std::string message;  // "must be an integer; got 25.5"
  std::string value;    // the offending value as JSON text: 25.5, "urgent"; empty for an object or array
  std::size_t offset = 0;
};

// A field or list item of the target message whose value just became complete.
struct Completion {
  const google::protobuf::Message* message;     // the message holding the field
  const google::protobuf::FieldDescriptor* field;
  int index;  // the item's index for a repeated or map field; -1 for the whole field
};

struct DecodeOptions {
  ParserOptions parser;
  // While streaming, show strings as they grow; false: a string field is set
  // only once its closing quote is read.
  bool partial_strings = true;
  // Called during feed()/finish() each time a field or list item of the target
  // message becomes complete (Instructor's Iterable: hand out each item).
  std::function<void(const Completion&)> on_complete;
};

// Decodes one answer into `target`, which it clears first. The target holds
// everything parsed so far after every feed().
//
// When the text holds several JSON values (prose with examples, several fenced
// blocks), each is mapped and the one that fits the target best is kept: the
// most fields matched, minus unknown keys, minus twice the violations; on a
// tie the later one (models correct themselves further down), unless it was
// cut short and the earlier one was complete.
class MessageDecoder {
 public:
  explicit MessageDecoder(google::protobuf::Message& target, DecodeOptions options = {});
  ~MessageDecoder();
  MessageDecoder(const MessageDecoder&) = delete;
  MessageDecoder& operator=(const MessageDecoder&) = delete;

  // See JsonParser::feed / finish.
  [[nodiscard]] bool feed(std::string_view chunk);
  [[nodiscard]] bool finish();

  const std::optional<ParseError>& error() const;
  // Every repair and coercion behind the current message, in input order.
  Repairs repairs() const;
  const std::vector<MappingViolation>& violations() const;
  const Presence& presence() const;
  const Completeness& completeness() const;
  // How many parser events have changed the target so far: compare two
  // readings to know whether a feed() changed the message (for streaming UIs).
  std::uint64_t updates() const;

 private:
  // decode_json moves the records out of its decoder instead of copying them.
  friend struct DecodeResult decode_json(std::string_view text, google::protobuf::Message& target,
                                         DecodeOptions options);
  // decode_json's decoder keeps no completeness record (its result has none).
  struct WithoutCompleteness {};
  MessageDecoder(google::protobuf::Message& target, DecodeOptions options, WithoutCompleteness);
  class Impl;
  std::unique_ptr<Impl> impl_;
};

struct DecodeResult {
  std::optional<ParseError> error;  // set when no JSON was found or it could not be read
  Repairs repairs;
  std::vector<MappingViolation> violations;
  Presence presence;

  // The answer was read and every value in it went into the message (repairs
  // and coercions allowed). Validation of the .proto's rules comes next.
  bool succeeded() const { return parsed() && violations.empty(); }
  // JSON was found and read; some values may still have been refused (`violations`).
  bool parsed() const { return !error.has_value(); }
};

// Decodes a whole answer into `target` (one feed, then finish).
DecodeResult decode_json(std::string_view text, google::protobuf::Message& target,
                         DecodeOptions options = {});

}  // namespace instructor
