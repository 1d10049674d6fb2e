#include "instructor/validation_context.h"

#include <limits>

#include <google/protobuf/message.h>

#include "global_validators.h"
#include "instructor/presence.h"
#include "instructor/validate.h"
#include "../json/utf8.h"
#include "json_value_text.h"

namespace instructor {

void ViolationSink::report(std::string_view rule, std::string message, std::string value) {
  add("", rule, std::move(message), std::move(value));
}

void ViolationSink::report_at(std::string_view relative_path, std::string_view rule, std::string message,
                              std::string value) {
  add(relative_path, rule, std::move(message), std::move(value));
}

ValidationContext::ValidationContext(Violations& out, const Presence* presence, const CustomValidators* per_call)
    : out_(&out), presence_(presence), per_call_(per_call) {
  path_.reserve(16);
}

ValidationContext::PathStep ValidationContext::field(std::string_view name) {
  path_.push_back({Segment::Kind::kField, name});
  return PathStep(*this);
}

ValidationContext::PathStep ValidationContext::index(int index) {
  path_.push_back({Segment::Kind::kIndex, {}, index});
  return PathStep(*this);
}

ValidationContext::PathStep ValidationContext::string_key(std::string_view key) {
  path_.push_back({Segment::Kind::kStringKey, key});
  return PathStep(*this);
}

ValidationContext::PathStep ValidationContext::integer_key(int64_t key) {
  path_.push_back({Segment::Kind::kIntegerKey, {}, key});
  return PathStep(*this);
}

ValidationContext::PathStep ValidationContext::unsigned_key(uint64_t key) {
  path_.push_back({Segment::Kind::kIntegerKey, {}, static_cast<int64_t>(key), true});
  return PathStep(*this);
}

ValidationContext::PathStep ValidationContext::bool_key(bool key) {
  path_.push_back({Segment::Kind::kStringKey, key ? "true" : "false"});
  return PathStep(*this);
}

bool ValidationContext::supplied(const google::protobuf::Message& message, int field_number, bool is_set) const {
  return presence_ != nullptr ? presence_->kept(message, field_number) : is_set;
}

bool ValidationContext::refused(const google::protobuf::Message& message, int field_number) const {
  return presence_ != nullptr && presence_->refused(message, field_number);
}

void ValidationContext::report(std::string_view rule, std::string message, std::string value) {
  add("", rule, std::move(message), std::move(value));
}

void ValidationContext::report_missing(std::string_view field) {
  add(field, "required", "is required but missing", "");
}

void ValidationContext::run_custom_validators(const google::protobuf::Message& message) {
  RunGlobalValidators(message, *this);
  if (per_call_ != nullptr) per_call_->run(message, *this);
}

void ValidationContext::add(std::string_view relative_path, std::string_view rule, std::string message,
                            std::string value) {
  std::string path = current_path();
  if (!relative_path.empty()) {
    if (!path.empty() && relative_path.front() != '[') path += '.';
    path += relative_path;
  }
  std::string full_rule = key_rules_ ? "map.keys." + std::string(rule) : std::string(rule);
  out_->add({std::move(path), std::move(full_rule), std::move(message), AsJsonValueText(std::move(value))});
}

// Field names joined by dots, indexes as [2], keys as ["x"] (a JSON string) or [7].
std::string ValidationContext::current_path() const {
  std::string path;
  for (const Segment& segment : path_) {
    switch (segment.kind) {
      case Segment::Kind::kField:
        if (!path.empty()) path += '.';
        path += segment.text;
        break;
      case Segment::Kind::kIndex:
        path += "[" + std::to_string(segment.number) + "]";
        break;
      case Segment::Kind::kStringKey:
        path += "[" + utf8::ToJsonString(segment.text, std::numeric_limits<std::size_t>::max()) + "]";
        break;
      case Segment::Kind::kIntegerKey:
        path += "[" + (segment.is_unsigned ? std::to_string(static_cast<uint64_t>(segment.number))
                                           : std::to_string(segment.number)) + "]";
        break;
    }
  }
  return path;
}

}  // namespace instructor
