// How the library's async operations complete an Asio handler: a move-only
// callback for the result, and the wrapper that runs a handler on its
// associated executor (kept busy until then). Not for direct use.
#pragma once

#include <utility>  // before Asio: Boost 1.74's awaitable.hpp needs std::exchange with GCC 12

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/associated_executor.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/execution/outstanding_work.hpp>
#include <boost/asio/prefer.hpp>
#include <memory>

namespace instructor::detail {

// A move-only, type-erased void(Value) callable (std::function needs copies).
template <typename Value>
class CompletionCallback {
 public:
  template <typename F>
  explicit CompletionCallback(F f) : impl_(new Impl<F>(std::move(f))) {}
  void operator()(Value value) {
    std::unique_ptr<Base> impl = std::move(impl_);
    impl->call(std::move(value));
  }

 private:
  struct Base {
    virtual ~Base() = default;
    virtual void call(Value value) = 0;
  };
  template <typename F>
  struct Impl final : Base {
    explicit Impl(F f) : f(std::move(f)) {}
    void call(Value value) override { std::move(f)(std::move(value)); }
    F f;
  };
  std::unique_ptr<Base> impl_;
};

// Wraps an Asio completion handler: `convert(value)` goes to it on its
// associated executor (`io_executor` when it has none), which is kept busy
// (outstanding work) until then.
template <typename Value, typename Handler, typename Convert>
CompletionCallback<Value> bind_handler(Handler handler, const boost::asio::any_io_executor& io_executor,
                                       Convert convert) {
  auto work = boost::asio::prefer(boost::asio::get_associated_executor(handler, io_executor),
                                  boost::asio::execution::outstanding_work.tracked);
  return CompletionCallback<Value>([handler = std::move(handler), work = std::move(work),
                                    convert = std::move(convert)](Value value) mutable {
    auto executor = work;
    boost::asio::dispatch(executor, [handler = std::move(handler), result = convert(std::move(value))]() mutable {
      std::move(handler)(std::move(result));
    });
  });
}

}  // namespace instructor::detail
