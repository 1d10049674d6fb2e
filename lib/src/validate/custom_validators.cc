#include <atomic>
#include <mutex>
#include <shared_mutex>

#include <google/protobuf/message.h>

#include "global_validators.h"
#include "instructor/validate.h"

namespace instructor {
namespace {

struct Registry {
  std::shared_mutex mutex;
  CustomValidators validators;
  // Read without the lock: validation of types with no validators stays lock-free.
  std::atomic<bool> empty{true};
};

Registry& GlobalRegistry() {
  static Registry registry;
  return registry;
}

}  // namespace

void CustomValidators::add(const google::protobuf::Descriptor* type, AnyValidator validator) {
  entries_.emplace_back(type, std::move(validator));
}

void CustomValidators::run(const google::protobuf::Message& message, ViolationSink& sink) const {
  const google::protobuf::Descriptor* type = message.GetDescriptor();
  for (const auto& [entry_type, validator] : entries_) {
    if (entry_type == type) validator(message, sink);
  }
}

void CustomValidators::remove_all(const google::protobuf::Descriptor* type) {
  std::erase_if(entries_, [type](const auto& entry) { return entry.first == type; });
}

namespace detail {

void add_global_validator(const google::protobuf::Descriptor* type, AnyValidator validator) {
  Registry& registry = GlobalRegistry();
  std::unique_lock lock(registry.mutex);
  registry.validators.add(type, std::move(validator));
  registry.empty = false;
}

void remove_global_validators(const google::protobuf::Descriptor* type) {
  Registry& registry = GlobalRegistry();
  std::unique_lock lock(registry.mutex);
  registry.validators.remove_all(type);
  registry.empty = registry.validators.empty();
}

}  // namespace detail

void RunGlobalValidators(const google::protobuf::Message& message, ViolationSink& sink) {
  Registry& registry = GlobalRegistry();
  if (registry.empty.load(std::memory_order_acquire)) return;
  std::shared_lock lock(registry.mutex);
  registry.validators.run(message, sink);
}

}  // namespace instructor
