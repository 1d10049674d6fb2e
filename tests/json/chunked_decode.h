// Decoding a text into a fresh message in chunks of a given size, and
// describing the outcome as text so that two runs can be compared.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <google/protobuf/message.h>

#include "instructor/mapper.h"

namespace jsontest {

struct Outcome {
  std::unique_ptr<google::protobuf::Message> message;
  bool ok = false;
  std::string error;  // ParseError::to_string()
  instructor::Repairs repairs;
  std::vector<instructor::MappingViolation> violations;
  std::string records;  // the presence and completeness records, message by message (see describe_records)

  // The message (text format), repairs, violations and error, for comparing runs.
  std::string describe() const;
};

// The default instance of a jsontest message ("User"), or throws.
const google::protobuf::Message& prototype(const std::string& type_name);

// What the message decoded into is: the generated class (whose fields the
// mapper sets through the generated field access, when registered), or a
// DynamicMessage of the same type (through reflection).
enum class Instance { generated, dynamic };

// Decodes `input` into a new message of `type_name`; chunk 0 feeds it whole.
Outcome decode_in_chunks(const std::string& type_name, std::string_view input, std::size_t chunk,
                         instructor::DecodeOptions options = {}, Instance instance = Instance::generated);

// What the records say about each message of `message`'s tree, by path:
// fields supplied and refused, complete fields and items, whether complete.
// Records are keyed by address: this lets two decodes be compared.
std::string describe_records(const google::protobuf::Message& message, const instructor::Presence& presence,
                             const instructor::Completeness& completeness);

// "trailing_comma@15"-style names of the repairs, without details.
std::vector<std::string> repair_names(const instructor::Repairs& repairs, bool with_offsets);

}  // namespace jsontest
