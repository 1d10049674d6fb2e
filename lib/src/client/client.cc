// Client construction (from_provider), its accessors, and the io thread of
// clients made without an executor.
#include "instructor/client.h"

#include "../cassette/cassette_setup.h"
#include "client_chain.h"
#include "client_config.h"
#include "client_core.h"
#include "extract_call.h"

namespace instructor {
namespace detail {

OwnedIoThread::OwnedIoThread() : io_(std::make_shared<boost::asio::io_context>(1)) {
  work_.emplace(io_->get_executor());
  thread_ = std::thread([io = io_] { io->run(); });
}

OwnedIoThread::~OwnedIoThread() {
  work_.reset();
  // The last copy of a client can go inside one of its own completions, on
  // this very thread: it cannot join itself, so it lets the thread finish
  // (the thread keeps the io_context alive).
  if (running_in_this_thread()) {
    thread_.detach();
  } else {
    thread_.join();
  }
}

const boost::asio::any_io_executor& core_executor(const ClientCore& core) { return core.executor; }

std::optional<ExtractError> blocking_error(const ClientCore& core) {
  if (core.chain) {
    for (const auto& member : core.chain->members) {
      if (auto error = blocking_error(*member)) return error;
    }
    return std::nullopt;
  }
  bool on_io_thread = core.own_io && core.own_io->running_in_this_thread();
  if (!on_io_thread && !core.own_io) {
    if (auto* io = core.executor.target<boost::asio::io_context::executor_type>()) on_io_thread = io->running_in_this_thread();
  }
  if (!on_io_thread) return std::nullopt;
  return ExtractError(ErrorKind::configuration,
                      "a blocking call (create, create_partial, ...) was made on the client's own io thread, where "
                      "it would wait for itself forever; use the async_ form there");
}

void start_call(const std::shared_ptr<ClientCore>& core, CallSpec spec, Request request, OutcomeCallback done) {
  if (core->chain) return client::start_chain_call(core, std::move(spec), std::move(request), std::move(done));
  client::ExtractCall::start(core, std::move(spec), std::move(request), std::move(done));
}

}  // namespace detail

Client from_provider(std::string_view provider_and_model, ClientOptions options) {
  auto core = std::make_shared<detail::ClientCore>();
  const cassette::CassettePlan cassette = cassette::plan_cassette(
      options.cassette, [&](std::string_view name) { return client::environment_value(options, name); });
  client::ResolvedProvider resolved = client::resolve_provider(provider_and_model, options, cassette.replaying());
  core->config = std::move(resolved.config);
  core->provider_name = core->config.spec ? std::string(core->config.spec->name)
                                          : std::string(provider_and_model.substr(0, provider_and_model.find('/')));
  if (resolved.error) {
    resolved.error->set_context(core->provider_name, core->config.model);
    core->configuration_error = std::move(resolved.error);
  }
  core->hooks = std::move(options.hooks);
  core->cassette = cassette.cassette;
  core->retry = options.http.retry;
  core->timeouts = options.http.timeouts;
  if (options.executor) {
    core->executor = *options.executor;
  } else {
    core->own_io = std::make_unique<detail::OwnedIoThread>();
    core->executor = core->own_io->executor();
  }
  std::string cassette_error;
  core->transport = cassette::plan_transport(cassette, core->executor, std::move(options.http), cassette_error);
  if (!cassette_error.empty() && !core->configuration_error) {
    core->configuration_error = ExtractError(ErrorKind::configuration, std::move(cassette_error));
    core->configuration_error->set_context(core->provider_name, core->config.model);
  }
  return Client(std::move(core));
}

const std::optional<ExtractError>& Client::configuration_error() const { return core_->configuration_error; }
const std::string& Client::provider() const { return core_->provider_name; }
const std::string& Client::model() const { return core_->config.model; }
Mode Client::mode() const { return core_->config.mode; }
const std::string& Client::base_url() const { return core_->config.base_url; }
http::ClientStats Client::transport_stats() const {
  if (!core_->chain) return core_->transport->stats();
  http::ClientStats sum;  // a chain's: every member's transport together
  for (const auto& member : core_->chain->members) {
    http::ClientStats one = Client(member).transport_stats();
    sum.connections_opened += one.connections_opened;
    sum.connections_reused += one.connections_reused;
    sum.stale_connections_discarded += one.stale_connections_discarded;
    sum.idle_connections += one.idle_connections;
  }
  return sum;
}



Client fallback(std::vector<Client> clients) {
  std::vector<std::shared_ptr<detail::ClientCore>> members;
  for (Client& client : clients) members.push_back(std::move(client.core_));
  return Client(client::make_chain_core(std::move(members), client::ClientChain::Policy::fallback));
}

Client round_robin(std::vector<Client> clients) {
  std::vector<std::shared_ptr<detail::ClientCore>> members;
  for (Client& client : clients) members.push_back(std::move(client.core_));
  return Client(client::make_chain_core(std::move(members), client::ClientChain::Policy::round_robin));
}

const std::optional<Cassette>& Client::cassette() const { return core_->cassette; }

}  // namespace instructor
