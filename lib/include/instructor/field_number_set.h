// A small set of protobuf field numbers, as Presence and Completeness keep
// one per message: a bit per field for numbers 1..64 (nearly every field),
// a short list for the rest.
#pragma once

#include <algorithm>
#include <bit>
#include <cstdint>
#include <vector>

namespace instructor {

class FieldNumberSet {
 public:
  bool contains(int number) const {
    if (number >= 1 && number <= 64) return (low_ >> (number - 1)) & 1;
    return std::find(high_.begin(), high_.end(), number) != high_.end();
  }
  void insert(int number) {
    if (number >= 1 && number <= 64) low_ |= std::uint64_t{1} << (number - 1);
    else if (!contains(number)) high_.push_back(number);
  }
  void erase(int number) {
    if (number >= 1 && number <= 64) low_ &= ~(std::uint64_t{1} << (number - 1));
    else high_.erase(std::remove(high_.begin(), high_.end(), number), high_.end());
  }
  bool empty() const { return low_ == 0 && high_.empty(); }
  int size() const { return std::popcount(low_) + static_cast<int>(high_.size()); }

 private:
  std::uint64_t low_ = 0;
  std::vector<int> high_;
};

}  // namespace instructor
