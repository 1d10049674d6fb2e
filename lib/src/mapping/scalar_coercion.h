// Putting one JSON scalar into one protobuf field, coercing where the intent
// is clear ("25" -> 25, 25.0 -> 25, "true" -> true, 42 -> "42", "high" ->
// PRIORITY_HIGH) and refusing where it is not (25.5 into an integer, 300 into
// a field that cannot hold it).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <google/protobuf/message.h>

#include "field_index.h"
#include "instructor/repairs.h"

namespace instructor::mapping {

struct Scalar {
  enum class Kind { string, number, boolean };
  Kind kind;
  std::string_view text;  // the string, or the number's JSON text
  bool boolean = false;
};

// What happened to a value: stored (maybe after a coercion), or refused.
struct Coercion {
  bool stored = false;
  std::optional<Repair> repair;
  std::string rule;     // for a refusal: "type.integer", "integer.range", ...
  std::string message;  // for a refusal: "must be an integer; got 25.5"

  static Coercion ok(std::optional<Repair> repair = std::nullopt) { return {true, repair, {}, {}}; }
  static Coercion refused(std::string rule, std::string message) {
    return {false, std::nullopt, std::move(rule), std::move(message)};
  }
};

// Sets the scalar field `field` of `message` (or adds to it, when repeated).
Coercion store_scalar(google::protobuf::Message& message, const google::protobuf::FieldDescriptor* field,
                      const Scalar& value, FieldIndex& index);
// The same with the message's reflection at hand, and the field's generated
// access when `message` is of a generated class that has one (else null).
Coercion store_scalar(google::protobuf::Message& message, const google::protobuf::Reflection& reflection,
                      const google::protobuf::FieldDescriptor* field, const Scalar& value, FieldIndex& index,
                      const detail::FieldAccess* access = nullptr);

// A value read as a field would store it, kept aside instead: a map's key
// and value until the pair is complete.
struct CapturedValue {
  detail::FieldValue value{};
  std::string text;  // a string or bytes value's text

  // The value for a setter of `field`'s type: a text value points at `text`,
  // which the setter moves from.
  detail::FieldValue for_setter(const google::protobuf::FieldDescriptor* field) {
    detail::FieldValue out = value;
    if (field->cpp_type() == google::protobuf::FieldDescriptor::CPPTYPE_STRING) out.text = &text;
    return out;
  }
};

// Reads `value` as store_scalar would for `field` (same coercions, repairs
// and refusals) into `out`.
Coercion capture_scalar(const google::protobuf::FieldDescriptor* field, const Scalar& value, FieldIndex& index,
                        CapturedValue& out);

// -?[1-9][0-9]* (or 0) of at most 19 digits, so that it fits: its sign and
// magnitude, read without from_chars (the common integer); false for any
// other text.
bool read_plain_integer(std::string_view text, bool& negative, std::uint64_t& magnitude);

// The value as JSON text, for violation reports.
std::string json_text_of(const Scalar& value);

// A JSON string literal for the text.
std::string quote_json(std::string_view text);

// The kind of value a field wants, in the model's words: "an integer", "a string".
std::string expected_kind(const google::protobuf::FieldDescriptor* field);

}  // namespace instructor::mapping
