#include "client_chain.h"

#include "client_core.h"

namespace instructor::client {

std::shared_ptr<detail::ClientCore> make_chain_core(std::vector<std::shared_ptr<detail::ClientCore>> members,
                                                    ClientChain::Policy policy) {
  auto core = std::make_shared<detail::ClientCore>();
  core->chain = std::make_shared<ClientChain>();
  core->chain->policy = policy;
  std::string names;
  for (const auto& member : members) names += (names.empty() ? "" : ", ") + member->provider_name;
  core->provider_name = std::string(policy == ClientChain::Policy::fallback ? "fallback" : "round_robin") + "(" + names + ")";
  if (!members.empty()) {
    core->config.model = members.front()->config.model;
    core->config.mode = members.front()->config.mode;
    core->executor = members.front()->executor;
  } else {
    core->configuration_error = ExtractError(ErrorKind::configuration, "a fallback or round-robin client needs at least one client");
    core->configuration_error->set_context(core->provider_name, "");
    core->own_io = std::make_unique<detail::OwnedIoThread>();
    core->executor = core->own_io->executor();
  }
  core->chain->members = std::move(members);
  return core;
}

bool moves_to_next_provider(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::rate_limited:
    case ErrorKind::server_error:
    case ErrorKind::transport:
    case ErrorKind::provider_error:
    case ErrorKind::authentication:
    case ErrorKind::permission:
    case ErrorKind::not_found:
    case ErrorKind::configuration:
      return true;
    default:
      return false;
  }
}

namespace {

// One call walking the chain: each member in turn from `start`, the same spec
// and request each time, until an outcome ends the call or no member is left.
class ChainCall : public std::enable_shared_from_this<ChainCall> {
 public:
  ChainCall(std::shared_ptr<detail::ClientCore> core, detail::CallSpec spec, Request request,
            detail::OutcomeCallback done)
      : core_(std::move(core)), spec_(std::move(spec)), request_(std::move(request)), done_(std::move(done)) {
    ClientChain& chain = *core_->chain;
    if (chain.policy == ClientChain::Policy::round_robin) start_ = chain.next_start.fetch_add(1) % chain.members.size();
  }

  void next() {
    const auto& members = core_->chain->members;
    const auto& member = members[(start_ + tried_) % members.size()];
    ++tried_;
    detail::start_call(member, spec_, request_,
                       detail::OutcomeCallback([self = shared_from_this()](detail::CallOutcome outcome) {
                         self->on_outcome(std::move(outcome));
                       }));
  }

 private:
  void on_outcome(detail::CallOutcome outcome) {
    ProviderHop hop{outcome.report.provider, outcome.report.model, outcome.report.usage, std::nullopt, ""};
    if (outcome.error) {
      hop.error = outcome.error->kind();
      hop.message = outcome.error->message();
      if (hop.provider.empty()) hop.provider = outcome.error->provider();
      if (hop.model.empty()) hop.model = outcome.error->model();
    }
    hops_.push_back(std::move(hop));
    usage_ += outcome.report.usage;
    const bool more = tried_ < core_->chain->members.size();
    if (outcome.error && moves_to_next_provider(outcome.error->kind()) && more) {
      next();
      return;
    }
    outcome.report.usage = usage_;
    outcome.report.providers = std::move(hops_);
    if (outcome.report.provider.empty() && outcome.error) {
      outcome.report.provider = outcome.error->provider();
      outcome.report.model = outcome.error->model();
    }
    done_(std::move(outcome));
  }

  std::shared_ptr<detail::ClientCore> core_;
  detail::CallSpec spec_;
  Request request_;
  detail::OutcomeCallback done_;
  std::size_t start_ = 0;
  std::size_t tried_ = 0;
  std::vector<ProviderHop> hops_;
  Usage usage_;
};

}  // namespace

void start_chain_call(const std::shared_ptr<detail::ClientCore>& core, detail::CallSpec spec, Request request,
                      detail::OutcomeCallback done) {
  if (core->chain->members.empty()) {
    detail::CallOutcome outcome;
    outcome.error = core->configuration_error;
    outcome.report.provider = core->provider_name;
    done(std::move(outcome));
    return;
  }
  std::make_shared<ChainCall>(core, std::move(spec), std::move(request), std::move(done))->next();
}

}  // namespace instructor::client
