// What every copy of a Client shares: the resolved provider configuration,
// the transport, and (when no executor was given) the io thread it runs on.
#pragma once

#include <utility>  // before Asio (Boost 1.74 + GCC 12)

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <memory>
#include <optional>
#include <thread>

#include "../providers/adapter.h"
#include "client_chain.h"
#include "transport.h"
#include "instructor/client.h"

namespace instructor::detail {

// An io_context running on a thread of its own, for clients made without an executor.
class OwnedIoThread {
 public:
  OwnedIoThread();
  ~OwnedIoThread();
  OwnedIoThread(const OwnedIoThread&) = delete;
  OwnedIoThread& operator=(const OwnedIoThread&) = delete;

  boost::asio::any_io_executor executor() const { return io_->get_executor(); }
  bool running_in_this_thread() const { return std::this_thread::get_id() == thread_.get_id(); }

 private:
  // Shared with the thread, which may outlive this object (see the destructor).
  std::shared_ptr<boost::asio::io_context> io_;
  std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> work_;
  std::thread thread_;
};

struct ClientCore {
  // Fallback and round-robin clients: the clients a call goes through (then
  // only provider_name, config.model and executor below are set).
  std::shared_ptr<client::ClientChain> chain;
  providers::ProviderConfig config;
  std::string provider_name;
  std::optional<ExtractError> configuration_error;
  Hooks hooks;
  std::optional<Cassette> cassette;
  http::RetryPolicy retry;
  http::Timeouts timeouts;
  // Declared before `transport` so that the transport is destroyed first.
  std::unique_ptr<OwnedIoThread> own_io;
  boost::asio::any_io_executor executor;
  // The network, or a cassette's recorder or player.
  std::unique_ptr<client::Transport> transport;
};

}  // namespace instructor::detail
