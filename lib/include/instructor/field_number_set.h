// A small set of protobuf field numbers, as Presence and Completeness keep
// one per message: a bit per field for numbers 1..64 (nearly every field),
// a list for the rest, allocated only when one turns up. 16 bytes, so that
// the records of a large answer stay small.
#pragma once

#include <bit>
#include <cstdint>
#include <memory>
#include <vector>

namespace instructor {

class FieldNumberSet {
 public:
  FieldNumberSet() = default;
  FieldNumberSet(FieldNumberSet&&) noexcept = default;
  FieldNumberSet& operator=(FieldNumberSet&&) noexcept = default;
  FieldNumberSet(const FieldNumberSet& other);
  FieldNumberSet& operator=(const FieldNumberSet& other) {
    if (this != &other) *this = FieldNumberSet(other);
    return *this;
  }

  // The numbers 1..64 inline (the mapper marks one per value it reads), the rest out of line.
  bool contains(int number) const { return is_low(number) ? (low_ >> (number - 1)) & 1 : contains_high(number); }
  void insert(int number) {
    if (is_low(number)) low_ |= std::uint64_t{1} << (number - 1);
    else insert_high(number);
  }
  void erase(int number) {
    if (is_low(number)) low_ &= ~(std::uint64_t{1} << (number - 1));
    else if (high_) erase_high(number);
  }
  bool empty() const { return low_ == 0 && (!high_ || high_->empty()); }
  int size() const { return std::popcount(low_) + (high_ ? static_cast<int>(high_->size()) : 0); }

 private:
  static bool is_low(int number) { return number >= 1 && number <= 64; }
  bool contains_high(int number) const;
  void insert_high(int number);
  void erase_high(int number);

  std::uint64_t low_ = 0;
  std::unique_ptr<std::vector<int>> high_;  // numbers outside 1..64; null until one is inserted
};

}  // namespace instructor
