// Names of repairs, for logs.
#include "instructor/repairs.h"

namespace instructor {

std::string_view repair_name(Repair repair) {
  switch (repair) {
    case Repair::prose_skipped: return "prose_skipped";
    case Repair::fenced_block: return "fenced_block";
    case Repair::invalid_fragment_skipped: return "invalid_fragment_skipped";
    case Repair::multiple_documents: return "multiple_documents";
    case Repair::trailing_comma: return "trailing_comma";
    case Repair::missing_comma: return "missing_comma";
    case Repair::missing_colon: return "missing_colon";
    case Repair::missing_value: return "missing_value";
    case Repair::comment: return "comment";
    case Repair::single_quoted_string: return "single_quoted_string";
    case Repair::unquoted_key: return "unquoted_key";
    case Repair::unquoted_string: return "unquoted_string";
    case Repair::unquoted_string_continued: return "unquoted_string_continued";
    case Repair::triple_quoted_string: return "triple_quoted_string";
    case Repair::backtick_string: return "backtick_string";
    case Repair::code_block_value: return "code_block_value";
    case Repair::nonstandard_literal: return "nonstandard_literal";
    case Repair::raw_control_character: return "raw_control_character";
    case Repair::unescaped_quote: return "unescaped_quote";
    case Repair::invalid_escape: return "invalid_escape";
    case Repair::nonstandard_number: return "nonstandard_number";
    case Repair::mismatched_bracket: return "mismatched_bracket";
    case Repair::closed_string: return "closed_string";
    case Repair::dropped_partial_value: return "dropped_partial_value";
    case Repair::closed_container: return "closed_container";
    case Repair::number_from_string: return "number_from_string";
    case Repair::integer_from_float: return "integer_from_float";
    case Repair::bool_from_string: return "bool_from_string";
    case Repair::bool_from_number: return "bool_from_number";
    case Repair::string_from_scalar: return "string_from_scalar";
    case Repair::single_value_to_list: return "single_value_to_list";
    case Repair::value_to_single_field: return "value_to_single_field";
    case Repair::list_to_single_value: return "list_to_single_value";
    case Repair::enum_loose_match: return "enum_loose_match";
    case Repair::enum_from_number: return "enum_from_number";
    case Repair::fuzzy_key: return "fuzzy_key";
    case Repair::unknown_key: return "unknown_key";
    case Repair::null_item_dropped: return "null_item_dropped";
  }
  return "unknown_repair";
}

std::string to_string(const RepairRecord& record) {
  std::string out(repair_name(record.kind));
  out += '@';
  out += std::to_string(record.offset);
  if (!record.detail.empty()) {
    out += '(';
    out += record.detail;
    out += ')';
  }
  return out;
}

std::string to_string(const Repairs& repairs) {
  std::string out;
  for (const RepairRecord& record : repairs) {
    if (!out.empty()) out += ", ";
    out += to_string(record);
  }
  return out;
}

}  // namespace instructor
