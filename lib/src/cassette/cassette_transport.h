// The transports of a client with a cassette: one that records what the
// network answers, one that answers from the recordings.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "../client/transport.h"
#include "request_matcher.h"

namespace instructor::cassette {

// Sends through `network` and writes the cassette at `path` after every
// exchange (an empty one at once, so an unwritable path shows up now: `error`).
// `log` (may be empty) gets a line per exchange written.
std::unique_ptr<client::Transport> recording_transport(std::unique_ptr<client::Transport> network, std::string path,
                                                       std::function<void(std::string_view)> log, std::string& error);

// Answers from `matcher` on `executor`; stream chunks come after their
// recorded pauses times `timing_factor` (0: at once). `log` (may be empty)
// gets a line per request: which recording answered it, or why none did.
std::unique_ptr<client::Transport> replay_transport(boost::asio::any_io_executor executor,
                                                    std::shared_ptr<RequestMatcher> matcher, double timing_factor,
                                                    std::function<void(std::string_view)> log);

}  // namespace instructor::cassette
