// A small read-mostly table from names to values (a message's JSON keys, an
// enum's words), looked up with a string_view and no allocation: open
// addressing over the positions of the names, with FNV-1a as the hash.
#pragma once

#include <bit>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace instructor::mapping {

template <typename Value>
class NameTable {
 public:
  // Adds `name` unless it is there already (the first value given stays).
  void insert(std::string name, Value value) {
    if (find(name) != nullptr) return;
    entries_.emplace_back(std::move(name), value);
    if (entries_.size() * 2 > slots_.size()) {
      slots_.assign(std::bit_ceil(entries_.size() * 4), 0);
      for (std::uint32_t i = 1; i <= entries_.size(); ++i) place(i);
    } else {
      place(static_cast<std::uint32_t>(entries_.size()));
    }
  }

  const Value* find(std::string_view name) const {
    if (slots_.empty()) return nullptr;
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t at = hash(name) & mask; slots_[at] != 0; at = (at + 1) & mask) {
      const auto& [key, value] = entries_[slots_[at] - 1];
      if (key == name) return &value;
    }
    return nullptr;
  }

 private:
  static std::size_t hash(std::string_view name) {
    std::uint64_t h = 14695981039346656037ull;
    for (char c : name) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
    return static_cast<std::size_t>(h ^ (h >> 29));
  }
  void place(std::uint32_t position) {
    const std::size_t mask = slots_.size() - 1;
    std::size_t at = hash(entries_[position - 1].first) & mask;
    while (slots_[at] != 0) at = (at + 1) & mask;
    slots_[at] = position;
  }

  std::vector<std::pair<std::string, Value>> entries_;
  std::vector<std::uint32_t> slots_;  // 1 + the entry's position; 0 for an empty slot
};

}  // namespace instructor::mapping
