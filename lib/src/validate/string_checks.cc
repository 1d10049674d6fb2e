// Checks of string values: UTF-8, lengths in code points, patterns, affixes, sets.
#include <re2/re2.h>

#include "instructor/validation_checks.h"
#include "../json/utf8.h"

namespace instructor::check {
namespace {

using detail::Fail;
using detail::JsonString;
using detail::Plural;

std::string Characters(uint64_t count) { return Plural(count, "character", "characters"); }

std::string QuotedList(std::initializer_list<std::string_view> words) {
  std::string list;
  for (std::string_view word : words) {
    if (!list.empty()) list += ", ";
    list += JsonString(word);
  }
  return list;
}

// "\"ab\" (2 characters)": the value and its length, for length violations.
std::string WithLength(std::string_view value, uint64_t length) {
  return value.empty() ? JsonString(value) : JsonString(value) + " (" + Characters(length) + ")";
}

void FailLength(ValidationContext& context, std::string_view rule, std::string requirement,
                std::string_view value, uint64_t length) {
  const std::string shown = value.empty() ? "an empty string" : WithLength(value, length);
  context.report(rule, requirement + "; got " + shown, JsonString(value));
}

}  // namespace

bool Utf8(ValidationContext& context, std::string_view value) {
  if (utf8::IsValid(value)) return true;
  Fail(context, "string.utf8", "must be valid UTF-8", JsonString(value));
  return false;
}

uint64_t CodePoints(std::string_view value) { return utf8::CountCodePoints(value); }

void StringMinLen(ValidationContext& context, std::string_view value, uint64_t length, uint64_t min) {
  if (length < min) FailLength(context, "string.min_len", "must be at least " + Characters(min), value, length);
}

void StringMaxLen(ValidationContext& context, std::string_view value, uint64_t length, uint64_t max) {
  if (length > max) FailLength(context, "string.max_len", "must be at most " + Characters(max), value, length);
}

void StringLen(ValidationContext& context, std::string_view value, uint64_t length, uint64_t exact) {
  if (length != exact) FailLength(context, "string.len", "must be exactly " + Characters(exact), value, length);
}

struct Pattern::Compiled {
  explicit Compiled(std::string_view pattern) : re2(re2::StringPiece(pattern.data(), pattern.size()), RE2::Quiet) {}
  RE2 re2;
};

Pattern::Pattern(std::string_view pattern) : text_(pattern), compiled_(std::make_unique<Compiled>(pattern)) {}
Pattern::~Pattern() = default;

bool Pattern::matches(std::string_view value) const {
  // protoc-gen-instructor refused patterns RE2 cannot compile; a pattern that
  // still fails here (a different RE2 at run time) matches nothing.
  return compiled_->re2.ok() &&
         RE2::PartialMatch(re2::StringPiece(value.data(), value.size()), compiled_->re2);
}

void StringPattern(ValidationContext& context, std::string_view value, const Pattern& pattern) {
  if (!pattern.matches(value)) {
    Fail(context, "string.pattern", "must match the pattern " + std::string(pattern.text()), JsonString(value));
  }
}

void StringPrefix(ValidationContext& context, std::string_view value, std::string_view prefix) {
  if (!value.starts_with(prefix)) Fail(context, "string.prefix", "must start with " + JsonString(prefix), JsonString(value));
}

void StringSuffix(ValidationContext& context, std::string_view value, std::string_view suffix) {
  if (!value.ends_with(suffix)) Fail(context, "string.suffix", "must end with " + JsonString(suffix), JsonString(value));
}

void StringContains(ValidationContext& context, std::string_view value, std::string_view part) {
  if (value.find(part) == std::string_view::npos) {
    Fail(context, "string.contains", "must contain " + JsonString(part), JsonString(value));
  }
}

void StringNotContains(ValidationContext& context, std::string_view value, std::string_view part) {
  if (value.find(part) != std::string_view::npos) {
    Fail(context, "string.not_contains", "must not contain " + JsonString(part), JsonString(value));
  }
}

void StringIn(ValidationContext& context, std::string_view value, std::initializer_list<std::string_view> allowed) {
  for (std::string_view word : allowed) {
    if (value == word) return;
  }
  Fail(context, "string.in", "must be one of " + QuotedList(allowed), JsonString(value));
}

void StringNotIn(ValidationContext& context, std::string_view value, std::initializer_list<std::string_view> refused) {
  for (std::string_view word : refused) {
    if (value == word) {
      Fail(context, "string.not_in", "must not be any of " + QuotedList(refused), JsonString(value));
      return;
    }
  }
}

void StringConst(ValidationContext& context, std::string_view value, std::string_view expected) {
  if (value != expected) Fail(context, "string.const", "must be " + JsonString(expected), JsonString(value));
}

}  // namespace instructor::check
