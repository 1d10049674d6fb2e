// Records each exchange that goes through the network transport.
#include <chrono>
#include <mutex>
#include <vector>

#include "cassette_file.h"
#include "cassette_transport.h"
#include "errc_names.h"
#include "redacted_exchange.h"

namespace instructor::cassette {
namespace {

using Clock = std::chrono::steady_clock;

std::chrono::milliseconds since(Clock::time_point& last) {
  const Clock::time_point now = Clock::now();
  auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(now - last);
  last = now;
  return elapsed;
}

// The exchanges recorded so far, written whole after each one.
class Tape {
 public:
  Tape(std::string path, std::function<void(std::string_view)> log) : path_(std::move(path)), log_(std::move(log)) {}

  void add(Interaction interaction) {
    std::lock_guard lock(mutex_);
    const std::string what = interaction.request.method + " " + interaction.request.path;
    interactions_.push_back(std::move(interaction));
    const std::string error = write_cassette(path_, interactions_);
    if (log_) {
      log_(error.empty() ? "cassette: recorded " + what + " as recording #" + std::to_string(interactions_.size()) +
                               " of " + path_
                         : "cassette: " + error);
    }
  }
  std::string write_empty() { return write_cassette(path_, {}); }

 private:
  std::string path_;
  std::function<void(std::string_view)> log_;
  std::mutex mutex_;
  std::vector<Interaction> interactions_;
};

// One exchange while it runs.
struct Recording {
  explicit Recording(const http::Request& request) : redact(request) { interaction.request = recorded_request(request); }

  http::Redactor redact;
  Interaction interaction;
  Clock::time_point last = Clock::now();
  bool head_seen = false;
};

class RecordingTransport final : public client::Transport {
 public:
  RecordingTransport(std::unique_ptr<client::Transport> network, std::string path,
                     std::function<void(std::string_view)> log)
      : network_(std::move(network)), tape_(std::make_shared<Tape>(std::move(path), std::move(log))) {}

  std::string start() { return tape_->write_empty(); }

  void send(http::Request request, http::BodyHandler on_body, http::RequestOptions options, Done done) override {
    auto recording = std::make_shared<Recording>(request);
    recording->interaction.response.streamed = static_cast<bool>(on_body);
    options.on_response_head = [recording, user = std::move(options.on_response_head)](const http::Response& head) {
      RecordedResponse& response = recording->interaction.response;
      response.status = head.status;
      response.reason = head.reason;
      response.headers = recorded_response_headers(head.headers, recording->redact);
      response.after = since(recording->last);
      recording->head_seen = true;
      if (user) user(head);
    };
    if (on_body) {
      on_body = [recording, user = std::move(on_body)](std::string_view bytes) {
        recording->interaction.response.chunks.push_back({since(recording->last), recording->redact(bytes)});
        user(bytes);
      };
    }
    auto finish = [recording, tape = tape_, done = std::move(done)](http::Result result) mutable {
      if (!(result.error == http::Errc::cancelled)) tape->add(finished(*recording, result));
      done(std::move(result));
    };
    network_->send(std::move(request), std::move(on_body), std::move(options), Done(std::move(finish)));
  }

  http::ClientStats stats() const override { return network_->stats(); }

 private:
  static Interaction finished(Recording& recording, const http::Result& result) {
    RecordedResponse& response = recording.interaction.response;
    if (!recording.head_seen && result.has_response()) {
      response.status = result.response.status;
      response.reason = result.response.reason;
      response.headers = recorded_response_headers(result.response.headers, recording.redact);
      response.after = since(recording.last);
    }
    // A streamed request answered with an error status: its body was buffered, not streamed.
    if (response.streamed && response.chunks.empty() && !result.response.body.empty()) response.streamed = false;
    response.body = recording.redact(result.response.body);
    if (result.error) {
      response.error_code = std::string(errc_name(static_cast<http::Errc>(result.error.code().value())));
      response.error_message = recording.redact(result.error.message());
    }
    return std::move(recording.interaction);
  }

  std::unique_ptr<client::Transport> network_;
  std::shared_ptr<Tape> tape_;
};

}  // namespace

std::unique_ptr<client::Transport> recording_transport(std::unique_ptr<client::Transport> network, std::string path,
                                                       std::function<void(std::string_view)> log, std::string& error) {
  auto transport = std::make_unique<RecordingTransport>(std::move(network), std::move(path), std::move(log));
  error = transport->start();
  return transport;
}

}  // namespace instructor::cassette
