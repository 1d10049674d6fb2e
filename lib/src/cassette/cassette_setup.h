// How a client gets its transport: the cassette of its options, changed by
// the environment (INSTRUCTOR_RECORD=1, INSTRUCTOR_CASSETTE=<path>), decides
// between the network, a recorder and a player.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "../client/transport.h"
#include "instructor/cassette.h"

namespace instructor::cassette {

struct CassettePlan {
  std::optional<Cassette> cassette;  // mode resolved: replay or record, never replay_or_record
  bool replaying() const { return cassette && cassette->mode() == Cassette::Mode::replay; }
};

// `environment(name)` gives a variable's value, empty when unset.
CassettePlan plan_cassette(std::optional<Cassette> configured,
                           const std::function<std::string(std::string_view)>& environment);

// The transport of the plan; `error` says why the cassette cannot be used.
std::unique_ptr<client::Transport> plan_transport(const CassettePlan& plan, boost::asio::any_io_executor executor,
                                                  http::ClientOptions options, std::string& error);

}  // namespace instructor::cassette
