#include "model_registry.h"

#include <map>
#include <mutex>
#include <shared_mutex>
#include <string>

#include <google/protobuf/descriptor.h>

namespace instructor {
namespace {

struct Registry {
  std::shared_mutex mutex;
  std::map<std::string, detail::ErasedModel, std::less<>> models;
};

// Built on first use: generated code registers during static initialization,
// in whatever order the program's files run it. Never destroyed, so that
// validation during static destruction still finds it.
Registry& ModelRegistry() {
  static auto* registry = new Registry;
  return *registry;
}

}  // namespace

namespace detail {

void register_model(std::string_view full_name, ErasedModel model) {
  Registry& registry = ModelRegistry();
  std::unique_lock lock(registry.mutex);
  registry.models.try_emplace(std::string(full_name), model);  // entries never change once added
}

}  // namespace detail

const detail::ErasedModel* FindRegisteredModel(std::string_view full_name) {
  Registry& registry = ModelRegistry();
  std::shared_lock lock(registry.mutex);
  const auto it = registry.models.find(full_name);
  return it == registry.models.end() ? nullptr : &it->second;
}

bool has_validator(const google::protobuf::Descriptor* type) {
  return FindRegisteredModel(type->full_name()) != nullptr;
}

}  // namespace instructor
