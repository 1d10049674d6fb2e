// FieldNumberSet's numbers outside 1..64: rare, so kept out of line.
#include "instructor/field_number_set.h"

#include <algorithm>

namespace instructor {

FieldNumberSet::FieldNumberSet(const FieldNumberSet& other)
    : low_(other.low_), high_(other.high_ ? std::make_unique<std::vector<int>>(*other.high_) : nullptr) {}

bool FieldNumberSet::contains_high(int number) const {
  return high_ && std::find(high_->begin(), high_->end(), number) != high_->end();
}

void FieldNumberSet::insert_high(int number) {
  if (!high_) high_ = std::make_unique<std::vector<int>>();
  if (std::find(high_->begin(), high_->end(), number) == high_->end()) high_->push_back(number);
}

void FieldNumberSet::erase_high(int number) { std::erase(*high_, number); }

}  // namespace instructor
