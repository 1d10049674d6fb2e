// The transports of a client with a cassette: one that records what the
// network answers, one that answers from the recordings.
#pragma once

#include <memory>
#include <string>

#include "../client/transport.h"
#include "request_matcher.h"

namespace instructor::cassette {

// Sends through `network` and writes the cassette at `path` after every
// exchange (an empty one at once, so an unwritable path shows up now: `error`).
std::unique_ptr<client::Transport> recording_transport(std::unique_ptr<client::Transport> network, std::string path,
                                                       std::string& error);

// Answers from `matcher` on `executor`; stream chunks come after their
// recorded pauses times `timing_factor` (0: at once).
std::unique_ptr<client::Transport> replay_transport(boost::asio::any_io_executor executor,
                                                    std::shared_ptr<RequestMatcher> matcher, double timing_factor);

}  // namespace instructor::cassette
