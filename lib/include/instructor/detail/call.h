// The type-erased call behind Client's templates: the extraction loop works on
// google::protobuf::Message and a ModelInfo; the templates turn its outcome
// back into Result<T>. Not for direct use.
#pragma once

#include <utility>  // before Asio: Boost 1.74's awaitable.hpp needs std::exchange with GCC 12

#include <google/protobuf/message.h>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/post.hpp>
#include <functional>
#include <future>
#include <memory>
#include <optional>
#include <string_view>
#include <variant>
#include <vector>

#include "instructor/completeness.h"
#include "instructor/detail/completion.h"
#include "instructor/model_traits.h"
#include "instructor/request.h"
#include "instructor/result.h"
#include "instructor/validation_context.h"

namespace instructor::detail {

// What the extraction loop knows of a response model type.
struct ModelInfo {
  const google::protobuf::Descriptor* descriptor;
  std::string_view full_name;
  std::string_view title;
  std::string_view description;
  std::string_view json_schema;
  void (*validate)(const google::protobuf::Message&, ValidationContext&);
  // A type built at run time: its prototype (null: the generated class of `descriptor`).
  const google::protobuf::Message* prototype = nullptr;
};

template <ResponseModel T>
const ModelInfo& model_info() {
  static const ModelInfo info{T::descriptor(),
                              ModelTraits<T>::full_name,
                              ModelTraits<T>::title,
                              ModelTraits<T>::description,
                              ModelTraits<T>::json_schema,
                              [](const google::protobuf::Message& message, ValidationContext& context) {
                                ModelTraits<T>::validate(static_cast<const T&>(message), context);
                              }};
  return info;
}

enum class CallShape : std::uint8_t {
  single,    // one message
  iterable,  // a list of messages, each handed out once complete and valid
  parallel,  // one message per tool call, of the types offered
};

struct CallSpec {
  CallShape shape = CallShape::single;
  std::vector<const ModelInfo*> models;  // single, iterable: the one type; parallel: every type offered
  bool stream = false;
  bool keep_raw = false;  // keep the raw response (create_with_completion)
  std::function<void(const google::protobuf::Message&, const Completeness&, const Violations&)> on_partial;
  std::function<void(const google::protobuf::Message&)> on_item;
};

// What a call produced.
struct CallOutcome {
  std::vector<std::unique_ptr<google::protobuf::Message>> values;  // in the order the model gave them
  std::optional<ExtractError> error;
  CallReport report;
  RawCompletion completion;
};

using OutcomeCallback = CompletionCallback<CallOutcome>;

struct ClientCore;

// Starts the extraction loop; `done` runs once, on the client's executor.
void start_call(const std::shared_ptr<ClientCore>& core, CallSpec spec, Request request, OutcomeCallback done);
const boost::asio::any_io_executor& core_executor(const ClientCore& core);
// Why a blocking call cannot run now (called from the client's own io thread), if it cannot.
std::optional<ExtractError> blocking_error(const ClientCore& core);

// Wraps an Asio completion handler: the converted outcome goes to it on its
// associated executor, which is kept busy until then.
template <typename Handler, typename Convert>
OutcomeCallback bind_outcome(Handler handler, const boost::asio::any_io_executor& io_executor, Convert convert) {
  return bind_handler<CallOutcome>(std::move(handler), io_executor, std::move(convert));
}

template <typename T>
T take_message(std::unique_ptr<google::protobuf::Message>& message) {
  return std::move(static_cast<T&>(*message));
}

template <ResponseModel T>
Result<T> single_result(CallOutcome outcome) {
  if (outcome.error) return Result<T>(std::move(*outcome.error), std::move(outcome.report));
  return Result<T>(take_message<T>(outcome.values.front()), std::move(outcome.report));
}

template <ResponseModel T>
Result<WithCompletion<T>> completion_result(CallOutcome outcome) {
  if (outcome.error) return Result<WithCompletion<T>>(std::move(*outcome.error), std::move(outcome.report));
  return Result<WithCompletion<T>>(
      WithCompletion<T>{take_message<T>(outcome.values.front()), std::move(outcome.completion)},
      std::move(outcome.report));
}

template <ResponseModel T>
Result<std::vector<T>> list_result(CallOutcome outcome) {
  if (outcome.error) return Result<std::vector<T>>(std::move(*outcome.error), std::move(outcome.report));
  std::vector<T> items;
  items.reserve(outcome.values.size());
  for (auto& value : outcome.values) items.push_back(take_message<T>(value));
  return Result<std::vector<T>>(std::move(items), std::move(outcome.report));
}

// The variant alternative whose descriptor matches the message's.
template <typename Variant, std::size_t I = 0>
Variant as_variant(std::unique_ptr<google::protobuf::Message>& message) {
  using T = std::variant_alternative_t<I, Variant>;
  if constexpr (I + 1 == std::variant_size_v<Variant>) {
    return Variant(std::in_place_index<I>, take_message<T>(message));
  } else {
    if (message->GetDescriptor() == T::descriptor()) return Variant(std::in_place_index<I>, take_message<T>(message));
    return as_variant<Variant, I + 1>(message);
  }
}

template <ResponseModel... Ts>
Result<std::vector<std::variant<Ts...>>> parallel_result(CallOutcome outcome) {
  using List = std::vector<std::variant<Ts...>>;
  if (outcome.error) return Result<List>(std::move(*outcome.error), std::move(outcome.report));
  List calls;
  calls.reserve(outcome.values.size());
  for (auto& value : outcome.values) calls.push_back(as_variant<std::variant<Ts...>>(value));
  return Result<List>(std::move(calls), std::move(outcome.report));
}

// Runs an async operation to its end from a thread that is not the client's io thread.
template <typename R, typename Start>
R block_on(const ClientCore& core, Start start) {
  if (auto error = blocking_error(core)) return R(std::move(*error), CallReport{});
  std::promise<R> promise;
  std::future<R> future = promise.get_future();
  start([&promise](R result) { promise.set_value(std::move(result)); });
  R result = future.get();
  // The result was handed over inside the call's last handler on the client's
  // io thread. Wait until that handler has ended (a single-threaded io_context
  // runs this after it), so the call has let go of the client before the
  // caller, which may drop the client's last copy next, goes on.
  std::promise<void> handler_ended;
  boost::asio::post(core_executor(core), [&handler_ended] { handler_ended.set_value(); });
  handler_ended.get_future().wait();
  return result;
}

}  // namespace instructor::detail
