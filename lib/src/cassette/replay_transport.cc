// Answers requests from a cassette's recordings, as the network would:
// the response head, then the body whole or chunk by chunk.
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>

#include "cassette_transport.h"
#include "errc_names.h"
#include "redacted_exchange.h"

namespace instructor::cassette {
namespace {

// One replayed exchange, step by step on the client's executor.
class Playback : public std::enable_shared_from_this<Playback> {
 public:
  Playback(boost::asio::any_io_executor executor, std::shared_ptr<RequestMatcher> matcher,
           const Interaction& interaction, double timing_factor, http::BodyHandler on_body,
           http::RequestOptions options, client::Transport::Done done)
      : timer_(executor),
        matcher_(std::move(matcher)),
        response_(interaction.response),
        timing_factor_(timing_factor),
        on_body_(std::move(on_body)),
        options_(std::move(options)),
        done_(std::move(done)) {}

  void start() {
    // A cancel (or the call's deadline) cuts a recorded pause short.
    if (options_.cancellation) {
      std::weak_ptr<Playback> weak = weak_from_this();
      subscription_ = options_.cancellation->subscribe([weak, executor = timer_.get_executor()] {
        boost::asio::post(executor, [weak] {
          if (auto self = weak.lock()) self->timer_.cancel();
        });
      });
    }
    after(response_.after, [](Playback& self) { self.send_head(); });
  }

  ~Playback() {
    if (options_.cancellation) options_.cancellation->unsubscribe(subscription_);
  }

 private:
  template <typename Step>
  void after(Milliseconds pause, Step step) {
    auto self = shared_from_this();
    if (timing_factor_ <= 0 || pause.count() <= 0) {
      boost::asio::post(timer_.get_executor(), [self, step] { self->run(step); });
      return;
    }
    timer_.expires_after(std::chrono::duration_cast<Milliseconds>(pause * timing_factor_));
    timer_.async_wait([self, step](const boost::system::error_code&) { self->run(step); });
  }

  template <typename Step>
  void run(Step step) {
    if (options_.cancellation && options_.cancellation->cancelled()) {
      http::Result result;
      result.error = http::Error(http::Errc::cancelled, "request cancelled (replayed from a cassette)", true);
      result.attempts = 1;
      done_(std::move(result));
      return;
    }
    step(*this);
  }

  bool streams_to_handler() const { return on_body_ && response_.status / 100 == 2; }

  void send_head() {
    head_.status = response_.status;
    head_.reason = response_.reason;
    head_.headers = response_.headers;
    if (response_.status != 0 && options_.on_response_head) options_.on_response_head(head_);
    if (!response_.streamed) {
      if (streams_to_handler() && !response_.body.empty()) {
        on_body_(response_.body);
      } else {
        head_.body = response_.body;
      }
      finish();
    } else if (!streams_to_handler()) {
      for (const Chunk& chunk : response_.chunks) head_.body += chunk.data;
      finish();
    } else {
      next_chunk();
    }
  }

  void next_chunk() {
    if (chunk_ == response_.chunks.size()) {
      finish();
      return;
    }
    after(response_.chunks[chunk_].after, [](Playback& self) {
      self.on_body_(self.response_.chunks[self.chunk_++].data);
      self.next_chunk();
    });
  }

  void finish() {
    http::Result result;
    result.attempts = 1;
    if (!response_.error_code.empty()) {
      result.error = http::Error(errc_from_name(response_.error_code).value_or(http::Errc::connection_reset),
                                 response_.error_message, true);
    }
    if (response_.status != 0) result.response = std::move(head_);
    done_(std::move(result));
  }

  boost::asio::steady_timer timer_;
  std::shared_ptr<RequestMatcher> matcher_;  // owns the recording
  const RecordedResponse& response_;
  double timing_factor_;
  http::BodyHandler on_body_;
  http::RequestOptions options_;
  client::Transport::Done done_;
  http::Response head_;
  std::size_t chunk_ = 0;
  std::uint64_t subscription_ = 0;
};

class ReplayTransport final : public client::Transport {
 public:
  ReplayTransport(boost::asio::any_io_executor executor, std::shared_ptr<RequestMatcher> matcher, double timing_factor,
                  std::function<void(std::string_view)> log)
      : executor_(std::move(executor)),
        matcher_(std::move(matcher)),
        timing_factor_(timing_factor),
        log_(std::move(log)) {}

  void send(http::Request request, http::BodyHandler on_body, http::RequestOptions options, Done done) override {
    const RecordedRequest recorded = recorded_request(request);
    RequestMatcher::Match match = matcher_->find(recorded);
    if (log_) {
      log_(match.interaction ? "cassette: " + recorded.method + " " + recorded.path + " answered by recording #" +
                                   std::to_string(match.number)
                             : "cassette: " + match.error);
    }
    if (match.interaction == nullptr) {
      boost::asio::post(executor_, [done = std::move(done), error = std::move(match.error)]() mutable {
        http::Result result;
        result.error = http::Error(http::Errc::not_in_cassette, std::move(error));
        done(std::move(result));
      });
      return;
    }
    std::make_shared<Playback>(executor_, matcher_, *match.interaction, timing_factor_, std::move(on_body), std::move(options),
                               std::move(done))
        ->start();
  }

  http::ClientStats stats() const override { return {}; }

 private:
  boost::asio::any_io_executor executor_;
  std::shared_ptr<RequestMatcher> matcher_;
  double timing_factor_;
  std::function<void(std::string_view)> log_;
};

}  // namespace

std::unique_ptr<client::Transport> replay_transport(boost::asio::any_io_executor executor,
                                                    std::shared_ptr<RequestMatcher> matcher, double timing_factor,
                                                    std::function<void(std::string_view)> log) {
  return std::make_unique<ReplayTransport>(std::move(executor), std::move(matcher), timing_factor, std::move(log));
}

}  // namespace instructor::cassette
