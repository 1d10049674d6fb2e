// The body rule of request matching: JSON bodies compare as JSON (object keys
// in any order, no whitespace), other bodies byte for byte.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace instructor::cassette {

// A JSON body re-serialised compactly with every object's keys sorted; any other body as it is.
std::string normalized_body(std::string_view body);

// How a sent body differs from a recorded one.
struct BodyDifference {
  std::size_t count = 0;  // differing JSON leaves (1 for differing non-JSON bodies)
  std::string first;      // e.g. `$.messages[0].content: recorded "a", sent "b"`
};
BodyDifference body_difference(std::string_view recorded, std::string_view sent);

}  // namespace instructor::cassette
