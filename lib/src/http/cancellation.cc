#include <mutex>
#include <vector>

#include "instructor/http/client.h"

namespace instructor::http {

struct Cancellation::State {
  std::mutex mutex;
  bool cancelled = false;
  std::uint64_t next_id = 1;
  std::vector<std::pair<std::uint64_t, std::function<void()>>> subscribers;
};

Cancellation::Cancellation() : state_(std::make_shared<State>()) {}

void Cancellation::cancel() const {
  std::vector<std::pair<std::uint64_t, std::function<void()>>> to_call;
  {
    std::lock_guard lock(state_->mutex);
    if (state_->cancelled) return;
    state_->cancelled = true;
    to_call.swap(state_->subscribers);
  }
  for (auto& [id, on_cancel] : to_call) on_cancel();
}

bool Cancellation::cancelled() const {
  std::lock_guard lock(state_->mutex);
  return state_->cancelled;
}

std::uint64_t Cancellation::subscribe(std::function<void()> on_cancel) const {
  std::unique_lock lock(state_->mutex);
  std::uint64_t id = state_->next_id++;
  if (state_->cancelled) {
    lock.unlock();
    on_cancel();
    return id;
  }
  state_->subscribers.emplace_back(id, std::move(on_cancel));
  return id;
}

void Cancellation::unsubscribe(std::uint64_t id) const {
  std::lock_guard lock(state_->mutex);
  auto& subs = state_->subscribers;
  std::erase_if(subs, [id](const auto& entry) { return entry.first == id; });
}

}  // namespace instructor::http
