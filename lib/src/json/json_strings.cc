// The parser's strings: quotes, escapes, surrogate pairs, raw control
// characters, and quotes that may be text the model forgot to escape. A
// `backtick` string (JavaScript) is read the same way, taken as written: its
// escapes and line breaks are text.
#include "json_parser_state.h"

namespace instructor {

using json_text::describe_byte;
using json_text::is_digit;
using json_text::is_identifier;
using json_text::is_identifier_start;
using json_text::is_space;

void JsonParser::State::begin_string(char quote, bool is_key) {
  token_ = Token::string;
  token_offset_ = position_.offset;
  quote_ = quote;
  string_is_key_ = is_key;
  reported_control_ = quote == '`';
  partial_sent_ = 0;
  high_surrogate_ = 0;
  buffer_.clear();
  if (quote == '\'') repair(Repair::single_quoted_string);
}

void JsonParser::State::append_to_string(char c) {
  if (high_surrogate_ != 0) flush_lone_surrogate();
  if (static_cast<unsigned char>(c) < 0x20 && !reported_control_) {
    reported_control_ = true;
    repair(Repair::raw_control_character);
  }
  buffer_ += c;
}

void JsonParser::State::string_char(char c) {
  if (c == quote_) {
    token_ = Token::pending_quote;
    pending_.clear();
    pending_position_ = position_;
    pending_position_.advance(c);
    pending_stage_ = 0;
    pending_newline_ = false;
  } else if (c == '\\') {
    token_ = Token::escape;
  } else {
    append_to_string(c);
  }
}

void JsonParser::State::escape_char(char c) {
  token_ = Token::string;
  if (quote_ == '`') {
    keep_escape_as_written(c);
    return;
  }
  char decoded;
  switch (c) {
    case '"': case '\\': case '/': case '\'': decoded = c; break;
    case 'b': decoded = '\b'; break;
    case 'f': decoded = '\f'; break;
    case 'n': decoded = '\n'; break;
    case 'r': decoded = '\r'; break;
    case 't': decoded = '\t'; break;
    case 'u':
      token_ = Token::unicode;
      unicode_ = 0;
      unicode_digits_ = 0;
      return;
    default:
      // \d, \x, \: keep the text as written, as the model most likely meant it.
      repair(Repair::invalid_escape, position_.offset - 1);
      if (high_surrogate_ != 0) flush_lone_surrogate();
      buffer_ += '\\';
      append_to_string(c);
      return;
  }
  if (high_surrogate_ != 0) flush_lone_surrogate();
  buffer_ += decoded;
}

void JsonParser::State::unicode_char(char c) {
  int digit = json_text::hex_value(c);
  if (digit >= 0) {
    unicode_ = unicode_ * 16 + static_cast<std::uint32_t>(digit);
    if (++unicode_digits_ == 4) {
      token_ = Token::string;
      code_unit(unicode_);
    }
    return;
  }
  // A short \u escape: keep it as text.
  repair(Repair::invalid_escape, position_.offset - 2 - unicode_digits_);
  if (high_surrogate_ != 0) flush_lone_surrogate();
  buffer_ += "\\u";
  static constexpr char kHex[] = "0123456789abcdef";
  for (int i = unicode_digits_ - 1; i >= 0; --i) buffer_ += kHex[(unicode_ >> (4 * i)) & 0xF];
  token_ = Token::string;
  string_char(c);
}

void JsonParser::State::code_unit(std::uint32_t unit) {
  const bool high = unit >= 0xD800 && unit <= 0xDBFF;
  const bool low = unit >= 0xDC00 && unit <= 0xDFFF;
  if (high_surrogate_ != 0 && low) {
    std::uint32_t cp = 0x10000 + ((high_surrogate_ - 0xD800) << 10) + (unit - 0xDC00);
    high_surrogate_ = 0;
    json_text::append_utf8(buffer_, cp);
    return;
  }
  if (high_surrogate_ != 0) flush_lone_surrogate();
  if (high) {
    high_surrogate_ = unit;
  } else if (low) {
    repair(Repair::invalid_escape, position_.offset - 5);
    json_text::append_utf8(buffer_, 0xFFFD);
  } else {
    json_text::append_utf8(buffer_, unit);
  }
}

void JsonParser::State::flush_lone_surrogate() {
  high_surrogate_ = 0;
  repair(Repair::invalid_escape);
  json_text::append_utf8(buffer_, 0xFFFD);
}

// A quote inside a string either closes it or is an inner quote the model
// forgot to escape. It closes when what follows fits the structure: ':' after
// a key, ',' '}' ']' after a value (a comma only if what follows the comma
// starts a member or an item), a comment, a fence, or the end of the input.
void JsonParser::State::pending_quote_char(char c) {
  if (opens_long_string(c)) {
    begin_long_string();
    return;
  }
  if (is_space(c) && pending_stage_ != 3) {
    pending_ += c;
    if (c == '\n') pending_newline_ = true;
    return;
  }
  switch (judge_quote(c)) {
    case QuoteVerdict::undecided:
      pending_ += c;
      return;
    case QuoteVerdict::closes:
      close_string_and_replay(c);
      return;
    case QuoteVerdict::literal:
      keep_quote_as_text(c);
      return;
  }
}

JsonParser::State::QuoteVerdict JsonParser::State::judge_quote(char c) {
  if (c == '`') return QuoteVerdict::closes;
  switch (pending_stage_) {
    case 1:  // after a comma: does a member or an item start?
      if (c == '"' || c == '\'' || c == '/' || c == '#' || static_cast<unsigned char>(c) < 0x20) {
        return QuoteVerdict::closes;
      }
      if (is_identifier_start(c)) {
        pending_stage_ = 3;
        word_start_ = pending_.size();
        return QuoteVerdict::undecided;
      }
      if (in_object()) return c == '}' ? QuoteVerdict::closes : QuoteVerdict::literal;
      return c == '{' || c == '[' || c == ']' || c == '-' || is_digit(c) ? QuoteVerdict::closes
                                                                          : QuoteVerdict::literal;
    case 2:  // after a '/': a comment?
      return c == '/' || c == '*' ? QuoteVerdict::closes : QuoteVerdict::literal;
    case 3: {  // a word after a comma: a literal, or an unquoted key?
      if (is_identifier(c)) return QuoteVerdict::undecided;
      bool nonstandard = false;
      std::string_view word = std::string_view(pending_).substr(word_start_);
      if (json_text::parse_literal(word, nonstandard) != json_text::Literal::none) return QuoteVerdict::closes;
      return in_object() && c == ':' ? QuoteVerdict::closes : QuoteVerdict::literal;
    }
    default:
      break;
  }
  // Another quote after a space: the next key or item, after a missing comma
  // or colon ("a" "b"); right after it ("say "hi"") the first one was text.
  if ((c == '"' || c == '\'') && !pending_.empty()) return QuoteVerdict::closes;
  if (string_is_key_) {
    // Keys seldom quote words: only a letter after the quote keeps it as text.
    return json_text::is_alpha(c) ? QuoteVerdict::literal : QuoteVerdict::closes;
  } else {
    if (c == '}' || c == ']') return QuoteVerdict::closes;
    if (c == ',') {
      pending_stage_ = 1;
      return QuoteVerdict::undecided;
    }
  }
  if (c == '/') {
    pending_stage_ = 2;
    return QuoteVerdict::undecided;
  }
  if (c == '#' && !pending_.empty()) return QuoteVerdict::closes;
  return QuoteVerdict::literal;
}

void JsonParser::State::close_string_and_replay(char c) {
  const Position here = position_;
  std::string replay = std::move(pending_);
  pending_.clear();
  end_string();
  position_ = pending_position_;
  for (char p : replay) {
    step(p);
  }
  position_ = here;
  process(c);
}

void JsonParser::State::keep_quote_as_text(char c) {
  repair(Repair::unescaped_quote, pending_position_.offset - 1);
  token_ = Token::string;
  buffer_ += quote_;
  for (char p : pending_) append_to_string(p);
  pending_.clear();
  string_char(c);
}

void JsonParser::State::end_string() {
  if (high_surrogate_ != 0) flush_lone_surrogate();
  end_string(buffer_);
}

void JsonParser::State::end_string(std::string_view text) {
  token_ = Token::none;
  if (string_is_key_) {
    sink_.key(text, token_offset_);
    expect_ = Expect::colon;
  } else {
    if (quote_ == '`') repair(Repair::backtick_string, token_offset_);
    sink_.string_value(text, token_offset_);
    value_done();
  }
}
}  // namespace instructor
