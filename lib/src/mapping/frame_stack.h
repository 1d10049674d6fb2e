// A stack whose popped element stays where it was until the next push: the
// mapper closes a frame while its parent is on top, without moving it out.
#pragma once

#include <cstddef>
#include <memory>
#include <vector>

namespace instructor::mapping {

template <typename T>
class FrameStack {
 public:
  // A fresh element on top (a reused one is put back as new by its reset()).
  T& push() {
    if (size_ == items_.size()) items_.emplace_back();
    else items_[size_].reset();
    return items_[size_++];
  }
  // Takes the top element off. It stays as it was, at the returned address,
  // until the next push.
  T& pop() { return items_[--size_]; }
  // Puts the element just popped back on top, as it is.
  T& restore() { return items_[size_++]; }
  void clear() { size_ = 0; }

  bool empty() const { return size_ == 0; }
  std::size_t size() const { return size_; }
  T& back() { return items_[size_ - 1]; }
  const T& back() const { return items_[size_ - 1]; }
  T& operator[](std::size_t i) { return items_[i]; }
  T* begin() { return items_.data(); }
  T* end() { return items_.data() + size_; }
  const T* begin() const { return items_.data(); }
  const T* end() const { return items_.data() + size_; }

 private:
  std::vector<T> items_;
  std::size_t size_ = 0;
};

}  // namespace instructor::mapping
