// The end of the input: a document cut short is completed (strings closed,
// a cut number, literal or key dropped, containers closed), a lone value may
// be the whole answer, and otherwise no JSON at all is an error.
#include "json_parser_state.h"

namespace instructor {

bool JsonParser::State::finish() {
  if (mode_ == Mode::failed) return false;
  if (finished_) return true;
  if (held_size_ != 0) {
    std::string_view nothing_more;
    if (!read_held(nothing_more, true)) return false;
  }
  finished_ = true;
  if (mode_ == Mode::document) close_truncated_document();
  const bool lone_value = documents_ == 0 && lone_value_fits();
  if (lone_value && sink_.accepts_lone_value()) emit_lone_value();
  if (documents_ == 0) {
    if (first_soft_error_) {
      error_ = first_soft_error_;
    } else if (lone_value) {
      position_ = lone_position_;
      error_ = make_error("expected a JSON object or array; the answer is a lone value");
    } else {
      error_ = make_error(consumed_ == 0 ? "expected a JSON object or array; the input is empty"
                                         : "expected a JSON object or array; the text has none");
    }
    mode_ = Mode::failed;
    return false;
  }
  if (prose_offset_) {
    repair(Repair::prose_skipped, *prose_offset_);
    prose_offset_.reset();
  }
  return true;
}

void JsonParser::State::close_truncated_document() {
  const std::size_t end = position_.offset;
  if (token_ == Token::bare_boundary) end_bare_at_boundary();
  switch (token_) {
    case Token::pending_quote:
      end_string();
      break;
    case Token::string:
    case Token::escape:
    case Token::unicode:
      if (string_is_key_) {
        repair(Repair::dropped_partial_value, token_offset_);
        token_ = Token::none;
      } else {
        repair(Repair::closed_string, end);
        end_string();
      }
      break;
    case Token::number:
    case Token::word:
      repair(Repair::dropped_partial_value, token_offset_);
      token_ = Token::none;
      break;
    case Token::bare_string:
      repair(Repair::closed_string, end);
      emit_bare_string();
      break;
    case Token::triple_string:
      end_triple_string(true);
      break;
    case Token::code_block:
      end_code_block(true);
      break;
    default:
      token_ = Token::none;
      break;
  }
  if (expect_ == Expect::colon || expect_ == Expect::member_value) {
    repair(Repair::dropped_partial_value, end);  // a key without its value
  }
  while (!stack_.empty()) {
    repair(Repair::closed_container, end);
    pop_container();
  }
  end_document(true);
}

}  // namespace instructor
