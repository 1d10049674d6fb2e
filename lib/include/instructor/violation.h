// What validation found wrong with a message: one Violation per broken rule,
// with the field path, so it can go straight back to the model in a re-ask.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace instructor {

struct Violation {
  // Where: "name", "addresses[2].city", "labels[\"x\"]"; "" for the message itself.
  std::string path;
  // Which rule: "string.min_len", "integer.gte", "required", "oneof.required", ...
  // Rules on map keys are prefixed "map.keys." ("map.keys.string.pattern").
  std::string rule;
  // What is wrong in plain English, naming the limit and the actual value:
  // "must be at least 1 character; got an empty string".
  std::string message;
  // The offending value as JSON text ("\"\"", "151", "\"NaN\"", bytes as base64 "\"YQ==\""); empty
  // when there is none (a missing field). to_json() writes a value that is not JSON as a JSON string.
  std::string value;

  friend bool operator==(const Violation&, const Violation&) = default;
};

// The violations of one validation, in the order the fields were checked.
class Violations {
 public:
  void add(Violation violation) { items_.push_back(std::move(violation)); }
  bool empty() const { return items_.empty(); }
  std::size_t size() const { return items_.size(); }
  const Violation& operator[](std::size_t i) const { return items_[i]; }
  auto begin() const { return items_.begin(); }
  auto end() const { return items_.end(); }

  // For a re-ask prompt, one line per violation:
  //   - addresses[2].city: must be at least 1 character; got an empty string (string.min_len)
  std::string to_text() const;
  // [{"path": "...", "rule": "...", "message": "...", "value": <JSON or null>}, ...]
  std::string to_json() const;

 private:
  std::vector<Violation> items_;
};

}  // namespace instructor
