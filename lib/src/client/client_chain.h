// Fallback and round-robin clients: a ClientCore made of other clients' cores,
// each call walked through them until one gives a result that ends the call.
#pragma once

#include <atomic>
#include <memory>
#include <vector>

#include "instructor/detail/call.h"

namespace instructor::client {

struct ClientChain {
  enum class Policy { fallback, round_robin };
  Policy policy = Policy::fallback;
  std::vector<std::shared_ptr<detail::ClientCore>> members;
  std::atomic<std::size_t> next_start{0};  // round_robin: where the next call starts
};

// The core of a fallback or round-robin client over `members`.
std::shared_ptr<detail::ClientCore> make_chain_core(std::vector<std::shared_ptr<detail::ClientCore>> members,
                                                    ClientChain::Policy policy);

// Whether an error is the provider's failure (the next provider may succeed)
// rather than an answer to the call.
bool moves_to_next_provider(ErrorKind kind);

// Runs one call through the chain of `core`; `done` runs once.
void start_chain_call(const std::shared_ptr<detail::ClientCore>& core, detail::CallSpec spec, Request request,
                      detail::OutcomeCallback done);

}  // namespace instructor::client
