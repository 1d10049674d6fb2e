// The command line of instructor-replay.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace instructor::replay {

struct ReplayArguments {
  std::string cassette;
  std::uint16_t port = 0;  // 0: any free port
  bool instant = false;    // no recorded pauses
};

inline constexpr const char* kUsage =
    "usage: instructor-replay --cassette FILE [--port N] [--instant]\n"
    "Serves the recorded exchanges of a cassette over HTTP on 127.0.0.1, as the provider did.\n"
    "  --cassette FILE  the cassette (JSON) to replay\n"
    "  --port N         the port to listen on (default: any free port)\n"
    "  --instant        send streamed chunks at once, without the recorded pauses\n"
    "The first line on stdout is the base URL (http://127.0.0.1:PORT); it stops on SIGINT or SIGTERM.\n";

// The arguments, or nothing with `error` set (empty `error`: --help was asked).
std::optional<ReplayArguments> parse_arguments(int argc, char** argv, std::string& error);

}  // namespace instructor::replay
