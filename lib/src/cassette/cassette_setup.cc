#include "cassette_setup.h"

#include <filesystem>

#include "cassette_file.h"
#include "cassette_transport.h"

namespace instructor::cassette {

CassettePlan plan_cassette(std::optional<Cassette> configured,
                           const std::function<std::string(std::string_view)>& environment) {
  if (!configured) {
    const std::string path = environment("INSTRUCTOR_CASSETTE");
    if (path.empty()) return {};
    configured = Cassette::replay(path);
  }
  const std::string record = environment("INSTRUCTOR_RECORD");
  const bool force_record = !record.empty() && record != "0";
  Cassette resolved = *configured;
  if (force_record || (configured->mode() == Cassette::Mode::replay_or_record &&
                       !std::filesystem::exists(configured->path()))) {
    resolved = Cassette::record(configured->path());
  } else if (configured->mode() == Cassette::Mode::replay_or_record) {
    resolved = Cassette::replay(configured->path());
  }
  resolved.with_recorded_timing(configured->timing_factor());
  return {resolved};
}

std::unique_ptr<client::Transport> plan_transport(const CassettePlan& plan, boost::asio::any_io_executor executor,
                                                  http::ClientOptions options, std::string& error) {
  if (!plan.cassette) return client::network_transport(std::move(executor), std::move(options));
  if (plan.cassette->mode() == Cassette::Mode::record) {
    auto log = options.log;
    return recording_transport(client::network_transport(std::move(executor), std::move(options)),
                               plan.cassette->path(), std::move(log), error);
  }
  LoadedCassette loaded = read_cassette(plan.cassette->path());
  error = std::move(loaded.error);
  auto matcher = std::make_shared<RequestMatcher>(std::move(loaded.interactions), plan.cassette->path());
  return replay_transport(std::move(executor), std::move(matcher), plan.cassette->timing_factor(),
                          std::move(options.log));
}

}  // namespace instructor::cassette
