// The repairs and coercions applied while turning a model's almost-JSON answer
// into a message: one record per change, with the byte offset where it was
// made, for logs and tests.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace instructor {

// What was repaired (syntax, found by the parser) or coerced (a value of the
// wrong JSON type made to fit a field, found by the mapper).
enum class Repair {
  // Syntax: where the JSON is.
  prose_skipped,             // text before or after the JSON value was ignored
  fenced_block,              // the JSON sat in a ``` fenced block
  invalid_fragment_skipped,  // a {...} or [...] in the prose did not parse and was ignored
  multiple_documents,        // several JSON values were found; the best fitting one was kept
  // Syntax: inside the JSON.
  trailing_comma,            // [1, 2,] or {"a": 1,}
  missing_comma,             // {"a": 1 "b": 2}
  missing_colon,             // {"a" 1}
  missing_value,             // {"a": } or [1,,2]: the empty slot was dropped
  comment,                   // // line, # line or /* block */ comment
  single_quoted_string,      // 'text'
  unquoted_key,              // {name: "Ann"}
  unquoted_string,           // {"name": Ann Lee}
  unquoted_string_continued, // an unquoted value ran on past a comma or line break, up to the next key of the target
  triple_quoted_string,      // """text""" or '''text''' (Python): taken as written, dedented
  backtick_string,           // `text` (JavaScript): taken as written
  code_block_value,          // ```lang\ncode\n``` as a value: the body, dedented, without the info string
  nonstandard_literal,       // True, False, None, undefined, NaN, Infinity, TRUE...
  raw_control_character,     // a raw newline, tab or other control character inside a string
  unescaped_quote,           // "he said "hi" twice": the inner quotes were kept as text
  invalid_escape,            // \x, a lone surrogate \ud800 or a short \u12: kept as text or U+FFFD
  nonstandard_number,        // +1, 007, .5, 5.
  mismatched_bracket,        // [1, 2} or {"a": [1}: closed as if the right bracket were there
  // Syntax: a truncated document, completed at finish().
  closed_string,             // a string cut at the end was closed
  dropped_partial_value,     // a number, literal or key cut at the end was dropped, not guessed
  closed_container,          // an object or array left open at the end was closed
  // Coercions (mapper).
  number_from_string,        // "25" into a number field
  integer_from_float,        // 25.0 or 2.5e1 into an integer field
  bool_from_string,          // "true" / "False" into a bool field
  bool_from_number,          // 0 or 1 into a bool field
  string_from_scalar,        // 42 or true into a string field, as its JSON text
  single_value_to_list,      // "a" into a repeated field: a one-element list
  value_to_single_field,     // a scalar or a list into a message with exactly one field (a lone answer too: 1214)
  list_to_single_value,      // [{...}] for a message: the first item is the message
  enum_loose_match,          // an enum named in another case, without its prefix, or by an alias
  enum_from_number,          // an enum given by its number
  fuzzy_key,                 // a key matched a field ignoring case and '_' / '-'
  unknown_key,               // a key that names no field was ignored
  null_item_dropped,         // null as a list item or a map value (not a Value) was dropped
};

// The stable snake_case name of a repair, as written in logs ("trailing_comma").
std::string_view repair_name(Repair repair);

// One repair: what, where (byte offset in the whole input) and, for the
// mapper's coercions, which field (a path such as "addresses[2].city").
struct RepairRecord {
  Repair kind;
  std::size_t offset = 0;
  std::string detail;

  friend bool operator==(const RepairRecord&, const RepairRecord&) = default;
};

using Repairs = std::vector<RepairRecord>;

// "trailing_comma@57", or "unknown_key@12(nickname)" when there is a detail.
std::string to_string(const RepairRecord& record);

// The records joined by ", ", for logs and test failure messages.
std::string to_string(const Repairs& repairs);

}  // namespace instructor
