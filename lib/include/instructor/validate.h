// Validating a response model: the rules its .proto declares (generated code),
// then the C++ validators registered for it, the equivalent of Pydantic's field
// and model validators.
//
//   instructor::add_validator<acme::User>([](const acme::User& user, instructor::ViolationSink& sink) {
//     if (user.name() == "admin") sink.report_at("name", "user.reserved_name", "must not be a reserved name");
//   });
//   instructor::Violations violations = instructor::validate(user);
//   if (!violations.empty()) std::cerr << violations.to_text();
//
// Validators run after the declarative rules of the message they are
// registered for (and after those of every message inside it), in the order
// they were added: global ones first, then the ones passed for one call. A
// validator registered for a nested type runs wherever that type occurs, with
// paths relative to it. Add global validators before validating from several
// threads; validation itself is thread-safe. A validator must not add or
// remove validators.
//
// A semantic "LLM validator" fits the same shape: a validator that asks a
// model and reports what it answers (it needs the client, so it lives there).
#pragma once

#include <functional>
#include <string_view>
#include <utility>
#include <vector>

#include "instructor/model_traits.h"
#include "instructor/validation_context.h"
#include "instructor/violation.h"

namespace google::protobuf {
class Descriptor;
class Message;
}  // namespace google::protobuf

namespace instructor {

// A validator with its message type erased.
using AnyValidator = std::function<void(const google::protobuf::Message&, ViolationSink&)>;

namespace detail {
template <ResponseModel T, typename Validator>
AnyValidator erase_type(Validator validator) {
  return [validator = std::move(validator)](const google::protobuf::Message& msg, ViolationSink& sink) {
    validator(static_cast<const T&>(msg), sink);
  };
}
void add_global_validator(const google::protobuf::Descriptor* type, AnyValidator validator);
void remove_global_validators(const google::protobuf::Descriptor* type);
}  // namespace detail

// Validators by message type, e.g. for one call (ValidateOptions::validators).
class CustomValidators {
 public:
  // `validator` is callable as validator(const T&, ViolationSink&).
  template <ResponseModel T, typename Validator>
  void add(Validator validator) {
    add(T::descriptor(), detail::erase_type<T>(std::move(validator)));
  }
  void add(const google::protobuf::Descriptor* type, AnyValidator validator);
  void remove_all(const google::protobuf::Descriptor* type);
  // Runs the validators of `msg`'s type, in the order they were added.
  void run(const google::protobuf::Message& msg, ViolationSink& sink) const;
  bool empty() const { return entries_.empty(); }

 private:
  std::vector<std::pair<const google::protobuf::Descriptor*, AnyValidator>> entries_;
};

// Adds a validator to every later validation of a T (and of every message that contains one).
// `validator` is callable as validator(const T&, ViolationSink&).
template <ResponseModel T, typename Validator>
void add_validator(Validator validator) {
  detail::add_global_validator(T::descriptor(), detail::erase_type<T>(std::move(validator)));
}

// Removes every validator added for T with add_validator.
template <ResponseModel T>
void remove_validators() {
  detail::remove_global_validators(T::descriptor());
}

struct ValidateOptions {
  // Which fields the model supplied (filled by the JSON mapper); null: ask protobuf.
  const Presence* presence = nullptr;
  // Validators for this call only, run after the global ones.
  const CustomValidators* validators = nullptr;
};

namespace detail {
// Throws std::invalid_argument when `presence` was not filled for `msg` itself
// (it was filled for the message the mapper wrote into, not for a copy of it).
void require_presence_covers(const google::protobuf::Message& msg, const Presence& presence);

// A generated validator with its message type erased, for validate(const Message&).
struct ErasedModel {
  const google::protobuf::Message& (*prototype)();
  void (*validate)(const google::protobuf::Message& msg, ValidationContext& context);
};
template <ResponseModel T>
constexpr ErasedModel erased_model() {
  return {[]() -> const google::protobuf::Message& { return T::default_instance(); },
          [](const google::protobuf::Message& msg, ValidationContext& context) {
            ModelTraits<T>::validate(static_cast<const T&>(msg), context);
          }};
}
// Called by generated code (foo.instructor.cc), once per message type, at start-up.
void register_model(std::string_view full_name, ErasedModel model);
}  // namespace detail

// Checks every rule of `msg` and everything inside it; empty when it is valid.
// With a presence record, `msg` must be the message the mapper filled, not a
// copy of it (std::invalid_argument otherwise).
template <ResponseModel T>
Violations validate(const T& msg, const ValidateOptions& options = {}) {
  if (options.presence != nullptr) detail::require_presence_covers(msg, *options.presence);
  Violations violations;
  ValidationContext context(violations, options.presence, options.validators);
  ModelTraits<T>::validate(msg, context);
  return violations;
}

// The same for a message whose type is known only at run time: the generated
// validator of its type is found by the type's full name among those linked
// into the program (each foo.instructor.cc registers its messages; including
// foo.instructor.h anywhere links it). `msg` may be an instance of the
// generated class or another implementation of the type, such as a
// DynamicMessage, which is validated as a copy in the generated class (its
// presence record carried over). Throws std::invalid_argument when no
// validator of the type is linked in.
Violations validate(const google::protobuf::Message& msg, const ValidateOptions& options = {});

// Whether validate(const google::protobuf::Message&) knows messages of `type`.
bool has_validator(const google::protobuf::Descriptor* type);

}  // namespace instructor
