// The extraction loop, part 1: setting a call up and running one attempt
// through the transport. Evaluating the answer is in extract_outcome.cc.
#include "extract_call.h"

#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <google/protobuf/message.h>

#include "../providers/adapter.h"
#include "deadline_timer.h"
#include "hook_events.h"
#include "instructor/http/redact.h"
#include "instructor/schema.h"
#include "list_model.h"

namespace instructor::client {

using std::chrono::duration_cast;
using std::chrono::milliseconds;

void ExtractCall::start(std::shared_ptr<detail::ClientCore> core, detail::CallSpec spec, Request request,
                        detail::OutcomeCallback done) {
  auto call = std::make_shared<ExtractCall>(std::move(core), std::move(spec), std::move(request), std::move(done));
  // Always from the client's executor, never inside the caller's initiating
  // function: even an immediate error completes like any other.
  boost::asio::post(call->core_->executor, [call] {
    if (!call->prepare()) return;
    call->start_deadline();
    call->run_attempt();
  });
}

ExtractCall::ExtractCall(std::shared_ptr<detail::ClientCore> core, detail::CallSpec spec, Request request,
                         detail::OutcomeCallback done)
    : core_(std::move(core)), spec_(std::move(spec)), request_(std::move(request)), done_(std::move(done)) {}

ExtractCall::~ExtractCall() = default;

bool ExtractCall::prepare() {
  if (core_->configuration_error) {
    fail(core_->configuration_error->kind(), core_->configuration_error->message());
    return false;
  }
  const providers::ProviderSpec& provider = *core_->config.spec;
  model_ = request_.model.value_or(core_->config.model);
  mode_ = request_.mode.value_or(core_->config.mode);
  if (spec_.shape == detail::CallShape::parallel) {
    if (request_.mode && *request_.mode != Mode::parallel_tools) {
      fail(ErrorKind::configuration, "create_parallel needs mode PARALLEL_TOOLS, not " + std::string(mode_name(mode_)));
      return false;
    }
    mode_ = Mode::parallel_tools;
  } else if (mode_ == Mode::parallel_tools) {
    fail(ErrorKind::configuration, "mode PARALLEL_TOOLS answers with several messages: use create_parallel");
    return false;
  }
  if (!provider.modes.contains(mode_)) {
    fail(ErrorKind::configuration, "mode " + std::string(mode_name(mode_)) + " is not supported by " +
                                       std::string(provider.name) + " (supported: " + provider.modes.to_string() + ")");
    return false;
  }
  spec_.stream = spec_.stream || request_.stream;
  adapter_ = &providers::adapter_for(provider, mode_);
  if (request_.messages.empty()) {
    fail(ErrorKind::configuration, "the request has no messages");
    return false;
  }
  for (const detail::ModelInfo* model : spec_.models) {
    if (!add_target(*model)) return false;
  }

  const std::string_view schema = *tools_.front().parameters;
  if (mode_ == Mode::json) {
    schema_prompt_ = "Answer with one JSON object that matches this JSON Schema, and nothing else:\n" + std::string(schema);
  } else if (mode_ == Mode::md_json) {
    schema_prompt_ = "Answer with one JSON object that matches this JSON Schema, inside a single ```json fenced "
                     "code block:\n" + std::string(schema);
  } else if (mode_ != Mode::parallel_tools && answers_with_tools(mode_) &&
             provider.quirks.forced_choice == providers::ToolChoice::omitted) {
    schema_prompt_ = "Answer by calling the function " + tools_.front().name + " with the values it asks for.";
  }
  for (ChatMessage& message : request_.messages) {
    providers::Turn turn;
    turn.message = std::move(message);
    conversation_.push_back(std::move(turn));
  }
  request_.messages.clear();
  base_turns_ = conversation_.size();
  return true;
}

bool ExtractCall::add_target(const detail::ModelInfo& model) {
  const SchemaDialect dialect = adapter_->schema_dialect(mode_, core_->config);

  AnswerTarget target;
  providers::ToolSpec tool;
  DialectSchema schema;
  if (spec_.shape == detail::CallShape::iterable) {
    target.prototype = &list_prototype(model.descriptor);
    auto list = list_schema(model.full_name, model.title, model.json_schema);
    schema = dialect_schema(target.prototype->GetDescriptor()->full_name(), *list, dialect);
    tool.name = api_name(std::string(model.title) + "_list");
    tool.description = "Every " + std::string(model.title) + " found, in order.";
  } else {
    target.prototype = model.prototype != nullptr
                           ? model.prototype
                           : google::protobuf::MessageFactory::generated_factory()->GetPrototype(model.descriptor);
    schema = dialect_schema(model.full_name, model.json_schema, dialect);
    tool.name = api_name(model.title);
    tool.description = model.description;
  }
  if (!schema.ok()) {
    fail(ErrorKind::configuration, schema.error);
    return false;
  }
  // Two models with one title (in different packages) need two tool names.
  for (std::size_t n = 2; std::any_of(tools_.begin(), tools_.end(), [&](const auto& t) { return t.name == tool.name; });
       ++n) {
    tool.name = api_name(std::string(model.title) + "_" + std::to_string(n));
  }
  tool.parameters = schema.json;
  target.tool_name = tool.name;
  tools_.push_back(std::move(tool));
  targets_.push_back(std::move(target));
  return true;
}

void ExtractCall::start_deadline() {
  if (!request_.timeout) return;
  deadline_ = Clock::now() + *request_.timeout;
  timer_ = std::make_unique<DeadlineTimer>(core_->executor);
  timer_->timer.expires_at(*deadline_);
  std::weak_ptr<ExtractCall> weak = weak_from_this();
  timer_->timer.async_wait([weak, cancellation = cancellation_](const boost::system::error_code& ec) {
    if (ec) return;
    if (auto self = weak.lock()) self->deadline_hit_ = true;
    cancellation.cancel();
  });
}

void ExtractCall::run_attempt() {
  if (deadline_ && Clock::now() >= *deadline_) {
    fail(ErrorKind::deadline_exceeded, "the call's timeout of " + std::to_string(request_.timeout->count()) +
                                           " ms passed before attempt " + std::to_string(attempts_.size() + 1));
    return;
  }
  const int number = static_cast<int>(attempts_.size()) + 1;
  providers::AttemptSpec spec{core_->config, model_, mode_, request_, conversation_, tools_, schema_prompt_,
                              spec_.stream};
  std::string error;
  http_request_ = adapter_->build_request(spec, error);
  if (!error.empty()) {
    fail(ErrorKind::configuration, error);
    return;
  }
  RequestEvent event{number, core_->provider_name, http_request_.method, http::redact_url(http_request_.url),
                     http_request_.headers, http_request_.body};
  for (http::Header& header : event.headers)
    if (http::is_secret_header(header.name)) header.value = std::string(http::kRedacted);
  fire(core_->hooks.on_request, event);

  Answer::Listener listener;
  if (spec_.on_partial) listener.changed = [this](const AnswerMessage& m) { on_changed(m); };
  if (spec_.shape == detail::CallShape::iterable || spec_.on_partial) {
    listener.completed = [this](const AnswerMessage& m, const Completion& done) { on_completed(m, done); };
  }
  answer_ = std::make_unique<Answer>(mode_, targets_, std::move(listener));
  stream_ = spec_.stream ? adapter_->stream_decoder(*answer_) : nullptr;
  item_violations_ = Violations();
  partial_violations_ = Violations();
  attempt_start_ = Clock::now();
  time_to_first_byte_ = milliseconds(0);
  head_ = http::Response();
  json_body_on_stream_ = false;
  body_bytes_.clear();
  streamed_bytes_ = 0;
  transport_attempts_ = 0;
  stream_error_.clear();

  auto self = shared_from_this();
  auto done = [self](http::Result result) { self->on_done(std::move(result)); };
  http::BodyHandler on_body;
  if (spec_.stream) on_body = [self](std::string_view bytes) { self->on_body(bytes); };
  core_->transport->send(http_request_, std::move(on_body), request_options(), client::Transport::Done(std::move(done)));
}

http::RequestOptions ExtractCall::request_options() {
  http::RequestOptions options;
  std::weak_ptr<ExtractCall> weak = weak_from_this();
  options.on_response_head = [weak](const http::Response& head) {
    if (auto self = weak.lock()) self->on_head(head);
  };
  http::RetryPolicy retry = core_->retry;
  retry.on_attempt = [weak, user = core_->retry.on_attempt](const http::AttemptInfo& info) {
    if (user) user(info);
    auto self = weak.lock();
    if (!self) return;
    self->transport_attempts_ = info.attempt;
    if (!info.will_retry) return;
    fire(self->core_->hooks.on_transport_retry,
         TransportRetryEvent{static_cast<int>(self->attempts_.size()) + 1, info.attempt, info.status, info.delay,
                             info.reason});
  };
  if (!retry.delay_from_body) {
    retry.delay_from_body = [adapter = adapter_](const http::Response& response) { return adapter->retry_delay(response); };
  }
  options.retry = std::move(retry);
  options.cancellation = cancellation_;
  if (deadline_) {
    http::Timeouts timeouts = core_->timeouts;
    auto left = duration_cast<milliseconds>(*deadline_ - Clock::now());
    if (left < milliseconds(1)) left = milliseconds(1);
    timeouts.request = std::min(timeouts.request, left);
    timeouts.connect = std::min(timeouts.connect, left);
    options.timeouts = timeouts;
  }
  return options;
}

void ExtractCall::on_head(const http::Response& head) {
  time_to_first_byte_ = duration_cast<milliseconds>(Clock::now() - attempt_start_);
  head_ = head;
  auto type = head.header("content-type");
  // A server that ignored the stream flag and sent one JSON body (NDJSON streams are streams).
  json_body_on_stream_ = spec_.stream && head.status / 100 == 2 && type &&
                         type->find("application/json") != std::string_view::npos;
}

void ExtractCall::on_body(std::string_view bytes) {
  streamed_bytes_ += bytes.size();
  if (json_body_on_stream_ || spec_.keep_raw) body_bytes_.append(bytes);
  if (json_body_on_stream_ || !stream_error_.empty()) return;
  if (!stream_->feed(bytes)) stream_error_ = stream_->error();
}

std::string ExtractCall::redact(std::string_view text) const { return http::Redactor(http_request_)(text); }

}  // namespace instructor::client
