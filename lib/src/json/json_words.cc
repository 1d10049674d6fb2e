// The parser's unquoted tokens: numbers, literals (true, None, NaN...) and
// bare words as keys or as the start of an unquoted value (json_bare_values.cc).
#include "json_parser_state.h"

namespace instructor {

using json_text::describe_byte;
using json_text::is_digit;
using json_text::is_identifier;
using json_text::is_identifier_start;

// Most numbers are already in the form normalize_number writes (it only
// changes an 'E' to 'e'): sent as they are. False, with nothing done, for the rest.
bool JsonParser::State::send_strict_number() {
  if (!json_text::is_strict_number(buffer_) || buffer_.find('E') != std::string::npos) return false;
  token_ = Token::none;
  sink_.number(buffer_, token_offset_);
  value_done();
  return true;
}

bool JsonParser::State::end_number() {
  if (send_strict_number()) return true;
  token_ = Token::none;
  bool nonstandard = false;
  std::optional<std::string> number = json_text::normalize_number(buffer_, nonstandard);
  if (!number) {
    fail("invalid number '" + buffer_ + "'");
    return false;
  }
  if (nonstandard) repair(Repair::nonstandard_number, token_offset_);
  sink_.number(*number, token_offset_);
  value_done();
  return true;
}

void JsonParser::State::word_char(char c) {
  if (is_identifier(c) || (word_is_key_ && c == '-')) {
    buffer_ += c;
    return;
  }
  end_word(c);
}

void JsonParser::State::end_word(char c) {
  if (word_is_key_) {
    token_ = Token::none;
    repair(Repair::unquoted_key, token_offset_);
    sink_.key(buffer_, token_offset_);
    expect_ = Expect::colon;
    structural(c);
    return;
  }
  bool nonstandard = false;
  json_text::Literal literal = json_text::parse_literal(buffer_, nonstandard);
  if (literal != json_text::Literal::none) {
    if (nonstandard) repair(Repair::nonstandard_literal, token_offset_);
    send_literal(literal);
    structural(c);
    return;
  }
  if (!word_in_object_) {
    token_ = Token::none;
    fail("expected a value; found the word '" + buffer_ +
         "' (text without quotes is only accepted as an object member's value)");
    return;
  }
  token_ = Token::bare_string;
  bare_continued_ = false;
  bare_char(c);
}

void JsonParser::State::send_literal(json_text::Literal literal) {
  token_ = Token::none;
  switch (literal) {
    case json_text::Literal::true_value: sink_.boolean(true, token_offset_); break;
    case json_text::Literal::false_value: sink_.boolean(false, token_offset_); break;
    case json_text::Literal::null_value: sink_.null(token_offset_); break;
    case json_text::Literal::nan: sink_.number("nan", token_offset_); break;
    case json_text::Literal::infinity: sink_.number("inf", token_offset_); break;
    case json_text::Literal::negative_infinity: sink_.number("-inf", token_offset_); break;
    case json_text::Literal::none: break;
  }
  value_done();
}
}  // namespace instructor
