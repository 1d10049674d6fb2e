// A small read-mostly table from names to values (a message's JSON keys, an
// enum's words), looked up with a string_view and no allocation: open
// addressing over the positions of the names.
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>
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
    if (find(name) == nullptr) add(std::move(name), value);
  }

  // The value of `name`, inserting `value` first when it is not there; and whether it was inserted.
  std::pair<const Value*, bool> try_insert(std::string_view name, Value value) {
    if (const Value* known = find(name)) return {known, false};
    add(std::string(name), value);
    return {&entries_.back().second, true};
  }

  bool empty() const { return entries_.empty(); }

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
  // The first and last eight bytes and the length: keys are short, and a
  // collision only costs a comparison.
  static std::size_t hash(std::string_view name) {
    std::uint64_t first = 0;
    std::uint64_t last = 0;
    if (name.size() >= 8) {
      std::memcpy(&first, name.data(), 8);
      std::memcpy(&last, name.data() + name.size() - 8, 8);
    } else {
      for (char c : name) first = (first << 8) | static_cast<unsigned char>(c);
    }
    std::uint64_t h = (first ^ (last * 0x9E3779B97F4A7C15ull) ^ name.size()) * 0xBF58476D1CE4E5B9ull;
    return static_cast<std::size_t>(h ^ (h >> 31));
  }
  void add(std::string name, Value value) {
    entries_.emplace_back(std::move(name), value);
    if (entries_.size() * 2 > slots_.size()) {
      slots_.assign(std::bit_ceil(entries_.size() * 4), 0);
      for (std::uint32_t i = 1; i <= entries_.size(); ++i) place(i);
    } else {
      place(static_cast<std::uint32_t>(entries_.size()));
    }
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
