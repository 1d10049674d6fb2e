// One step of a violation's path ("addresses", "[2]", "[\"x\"]"), kept as
// what it points at and turned into text only when a report needs it: the
// mapper moves to a new segment for every key and list item it reads.
#pragma once

#include <string>
#include <string_view>

#include "scalar_coercion.h"

namespace instructor::mapping {

class PathSegment {
 public:
  void clear() { kind_ = Kind::none; }
  bool empty() const { return kind_ == Kind::none; }
  // A field, by its declared name (the descriptor outlives the mapping).
  void set_field(const std::string& name) {
    kind_ = Kind::field;
    field_name_ = &name;
  }
  void set_index(int index) {
    kind_ = Kind::index;
    index_ = index;
  }
  // A key as the model wrote it (one the message does not have, "key" in a map entry).
  void set_key(std::string_view key) {
    kind_ = Kind::key;
    text_.assign(key);
  }
  // A map key, shown quoted: ["x"].
  void set_map_key(std::string_view key) {
    kind_ = Kind::map_key;
    text_.assign(key);
  }

  // Appends the segment to a path, with a '.' before a name that follows another segment.
  void append_to(std::string& path) const {
    switch (kind_) {
      case Kind::none: return;
      case Kind::field:
      case Kind::key:
        if (!path.empty()) path += '.';
        path += kind_ == Kind::field ? *field_name_ : text_;
        return;
      case Kind::index: path += "[" + std::to_string(index_) + "]"; return;
      case Kind::map_key: path += "[" + quote_json(text_) + "]"; return;
    }
  }

 private:
  enum class Kind { none, field, index, key, map_key };
  Kind kind_ = Kind::none;
  const std::string* field_name_ = nullptr;
  int index_ = 0;
  std::string text_;
};

}  // namespace instructor::mapping
