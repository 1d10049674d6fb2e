// The generated field access of every message type linked into the program,
// by full type name (filled at start-up by generated code).
#include <map>
#include <mutex>
#include <shared_mutex>
#include <string>

#include "instructor/detail/field_access.h"

namespace instructor::detail {
namespace {

struct Registry {
  std::shared_mutex mutex;
  std::map<std::string, MessageAccess, std::less<>> types;
};

// Built on first use, never destroyed: generated code registers during
// static initialization, in whatever order the program's files run it.
Registry& AccessRegistry() {
  static auto* registry = new Registry;
  return *registry;
}

}  // namespace

void register_field_access(std::string_view full_name, MessageAccess access) {
  Registry& registry = AccessRegistry();
  std::unique_lock lock(registry.mutex);
  registry.types.try_emplace(std::string(full_name), access);  // entries never change once added
}

const MessageAccess* find_field_access(std::string_view full_name) {
  Registry& registry = AccessRegistry();
  std::shared_lock lock(registry.mutex);
  const auto it = registry.types.find(full_name);
  return it == registry.types.end() ? nullptr : &it->second;
}

}  // namespace instructor::detail
