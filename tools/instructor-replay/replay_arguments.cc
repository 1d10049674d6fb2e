#include "replay_arguments.h"

#include <charconv>
#include <string_view>

namespace instructor::replay {

std::optional<ReplayArguments> parse_arguments(int argc, char** argv, std::string& error) {
  ReplayArguments arguments;
  for (int i = 1; i < argc; ++i) {
    const std::string_view argument = argv[i];
    const bool has_value = i + 1 < argc;
    if (argument == "--help" || argument == "-h") {
      error.clear();
      return std::nullopt;
    } else if (argument == "--cassette" && has_value) {
      arguments.cassette = argv[++i];
    } else if (argument == "--port" && has_value) {
      const std::string_view value = argv[++i];
      unsigned port = 0;
      auto [end, failure] = std::from_chars(value.data(), value.data() + value.size(), port);
      if (failure != std::errc() || end != value.data() + value.size() || port > 65535) {
        error = "--port wants a number from 0 to 65535, not \"" + std::string(value) + "\"";
        return std::nullopt;
      }
      arguments.port = static_cast<std::uint16_t>(port);
    } else if (argument == "--instant") {
      arguments.instant = true;
    } else {
      error = "unknown or incomplete argument \"" + std::string(argument) + "\"";
      return std::nullopt;
    }
  }
  if (arguments.cassette.empty()) {
    error = "--cassette FILE is required";
    return std::nullopt;
  }
  return arguments;
}

}  // namespace instructor::replay
