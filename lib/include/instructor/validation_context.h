// The state of one validation walk: where in the message it is, which fields
// the model supplied, and what it found. Generated validators drive it; user
// validators see it as a ViolationSink.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "instructor/violation.h"

namespace google::protobuf {
class Message;
}

namespace instructor {

class Presence;
class CustomValidators;

// Where a custom validator reports what it found. Paths are relative to the
// message the validator was given. `value` is the offending value as JSON text
// ("\"admin\"", "42"); text that is not JSON ("admin") is stored as a JSON string.
class ViolationSink {
 public:
  // A violation of the whole message (path: the message's own path).
  void report(std::string_view rule, std::string text, std::string value = {});
  // A violation of a field below the message: `relative_path` like "name" or "addresses[0].city".
  void report_at(std::string_view relative_path, std::string_view rule, std::string text,
                 std::string value = {});

 protected:
  ViolationSink() = default;
  ~ViolationSink() = default;
  virtual void add(std::string_view relative_path, std::string_view rule, std::string text,
                   std::string value) = 0;
};

class ValidationContext final : public ViolationSink {
 public:
  // `presence` (may be null) tells which fields the model supplied; without it a
  // field counts as supplied when protobuf says it is set or it is not the default.
  // `per_call` (may be null) adds validators for this call only.
  ValidationContext(Violations& out, const Presence* presence, const CustomValidators* per_call);

  ValidationContext(const ValidationContext&) = delete;
  ValidationContext& operator=(const ValidationContext&) = delete;

  // One step down the path while it lives: a field, a list index, a map key.
  class [[nodiscard]] PathStep {
   public:
    explicit PathStep(ValidationContext& context) : context_(&context) {}
    PathStep(const PathStep&) = delete;
    PathStep& operator=(const PathStep&) = delete;
    ~PathStep() { context_->path_.pop_back(); }

   private:
    ValidationContext* context_;
  };
  PathStep field(std::string_view name);
  PathStep index(int index);
  PathStep string_key(std::string_view key);
  PathStep integer_key(int64_t key);
  PathStep unsigned_key(uint64_t key);
  PathStep bool_key(bool key);

  // While it lives, reported rule ids are prefixed "map.keys.".
  class [[nodiscard]] KeyRules {
   public:
    explicit KeyRules(ValidationContext& context) : context_(&context) { context.key_rules_ = true; }
    KeyRules(const KeyRules&) = delete;
    KeyRules& operator=(const KeyRules&) = delete;
    ~KeyRules() { context_->key_rules_ = false; }

   private:
    ValidationContext* context_;
  };
  KeyRules map_key_rules() { return KeyRules(*this); }

  // Whether field `field_number` of `msg` holds a value the model supplied.
  // `is_set` is protobuf's answer, used when there is no presence record.
  bool supplied(const google::protobuf::Message& msg, int field_number, bool is_set) const;
  // Whether the model gave a value for the field that the mapper refused: it
  // was reported then, so the field is neither checked nor missing.
  bool refused(const google::protobuf::Message& msg, int field_number) const;

  // Reports a violation at the current path.
  void report(std::string_view rule, std::string text, std::string value = {});
  // Reports that the model left out the required field at the current path.
  void report_missing() { report_missing({}); }
  // Reports that the model left out the required `field` below the current path.
  void report_missing(std::string_view field);

  // Runs the validators registered for `msg`'s type (globally, then for this call).
  void run_custom_validators(const google::protobuf::Message& msg);

 private:
  void add(std::string_view relative_path, std::string_view rule, std::string text,
           std::string value) override;
  std::string current_path() const;

  struct Segment {
    enum class Kind { kField, kIndex, kStringKey, kIntegerKey } kind;
    std::string_view text;  // a field name or string key
    int64_t number = 0;     // an index or an integer key
    bool is_unsigned = false;
  };

  Violations* out_;
  const Presence* presence_;
  const CustomValidators* per_call_;
  std::vector<Segment> path_;
  bool key_rules_ = false;
};

}  // namespace instructor
