// The JSON forms of protobuf's well-known types that are scalars in JSON:
// Timestamp (RFC 3339), Duration ("1.5s"), FieldMask ("a,b") and the wrappers.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include <google/protobuf/message.h>

#include "scalar_coercion.h"

namespace instructor::mapping {

struct Seconds {
  std::int64_t seconds = 0;
  std::int32_t nanos = 0;
};

// "2024-05-01T12:00:00Z", "2024-05-01T12:00:00.5+02:00" (a space or a
// lowercase t/z is accepted too). Nullopt for text that is not one, or for an
// impossible date (2023-02-29).
std::optional<Seconds> parse_timestamp(std::string_view text);

// "90s", "-1.5s", "0.000000001s": protobuf's JSON form of a Duration.
std::optional<Seconds> parse_duration(std::string_view text);

// Stores a scalar into a message of shape timestamp, duration, field_mask or
// wrapper (google.protobuf.Int32Value...). `shape` is the message's shape.
Coercion store_into_well_known(google::protobuf::Message& message, MessageShape shape, const Scalar& value,
                               FieldIndex& index);

}  // namespace instructor::mapping
