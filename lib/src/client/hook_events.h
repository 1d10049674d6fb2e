// Calls a hook, if set, shielding the call from anything it throws.
#pragma once

#include <functional>

namespace instructor::client {

template <typename Event>
void fire(const std::function<void(const Event&)>& hook, const Event& event) noexcept {
  if (!hook) return;
  try {
    hook(event);
  } catch (...) {
    // A hook that throws is ignored: watching a call must never break it.
  }
}

}  // namespace instructor::client
