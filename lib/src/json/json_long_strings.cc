// The parser's long strings, the forms models use for code and long prose:
// Python's """triple-quoted""" strings and markdown's ``` code blocks as
// values. Both are taken as written (no escapes; quotes, braces and line
// breaks are text), then dedented. A `backtick` string is an ordinary string
// with its own quote (json_strings.cc), also taken as written.
#include "json_parser_state.h"

namespace instructor {

// A third quote right after a value's first two opens a triple-quoted
// string, a third backtick a code block (a key's "" stays an empty key).
void JsonParser::State::begin_long_string() {
  buffer_.clear();
  run_ = 0;
  if (quote_ == '`') {
    token_ = Token::code_block;
    fence_length_ = 3;
    fence_info_ = true;
    line_start_ = false;
    repair(Repair::code_block_value, token_offset_);
  } else {
    token_ = Token::triple_string;
    raw_next_ = false;
    repair(Repair::triple_quoted_string, token_offset_);
  }
}

// In a `backtick` string a backslash and the byte after it are text.
void JsonParser::State::keep_escape_as_written(char c) {
  buffer_ += '\\';
  buffer_ += c;
}

// Three quotes in a row close the string; when more follow, the last three
// close it and the others are text. A backslash keeps the next byte as text.
void JsonParser::State::triple_char(char c) {
  if (raw_next_) {
    raw_next_ = false;
    buffer_ += c;
    return;
  }
  if (c == quote_) {
    ++run_;
    return;
  }
  if (run_ >= 3) {
    end_triple_string(false);
    structural(c);
    return;
  }
  buffer_.append(static_cast<std::size_t>(run_), quote_);
  run_ = 0;
  if (c == '\\') raw_next_ = true;
  buffer_ += c;
}

// `at_end`: the input ended inside the string; one or two quotes at the very
// end were the start of a cut closing delimiter, and are dropped.
void JsonParser::State::end_triple_string(bool at_end) {
  if (run_ >= 3) buffer_.append(static_cast<std::size_t>(run_ - 3), quote_);
  else if (at_end) repair(Repair::closed_string, position_.offset);
  raw_next_ = false;
  send_dedented_string();
}

// A code block: the rest of the opening line is its info string (a language,
// a file name) and is dropped; it ends at a run of as many backticks as
// opened it, at the start of a line or before a line break, ',', '}' or ']'.
// Whatever lies between is text, "}}]])" included.
void JsonParser::State::code_block_char(char c) {
  if (c == '`') {
    const bool opening = fence_info_ && run_ == 0 && buffer_.empty() &&
                         position_.offset == token_offset_ + static_cast<std::size_t>(fence_length_);
    if (opening) ++fence_length_;  // ```` opens a block that may hold ```
    else ++run_;
    return;
  }
  if (run_ > 0) {
    if (run_ >= fence_length_ && closes_code_block(c)) {
      end_code_block(false);
      structural(c);
      return;
    }
    buffer_.append(static_cast<std::size_t>(run_), '`');
    run_ = 0;
    line_start_ = false;
  }
  if (fence_info_) {
    code_block_info_char(c);
    return;
  }
  if (c == '\n') line_start_ = true;
  else if (c != ' ' && c != '\t' && c != '\r') line_start_ = false;
  buffer_ += c;
}

// On the opening line the text is kept only in case the block closes on that
// same line (```x = 1```); a line break drops it as the info string.
void JsonParser::State::code_block_info_char(char c) {
  if (c != '\n') {
    buffer_ += c;
    return;
  }
  buffer_.clear();
  fence_info_ = false;
  line_start_ = true;
}

bool JsonParser::State::closes_code_block(char c) const {
  if (c == '\n' || c == '\r' || c == ',' || c == '}' || c == ']') return true;
  return line_start_ && (c == ' ' || c == '\t');
}

// `at_end`: the input ended inside the block; a cut closing fence is dropped,
// as is an opening line that never ended.
void JsonParser::State::end_code_block(bool at_end) {
  if (at_end && run_ < fence_length_) {
    repair(Repair::closed_string, position_.offset);
    if (fence_info_) buffer_.clear();
  }
  fence_info_ = false;
  send_dedented_string();
}

void JsonParser::State::send_dedented_string() {
  run_ = 0;
  json_text::dedent_block(buffer_);
  token_ = Token::none;
  sink_.string_value(buffer_, token_offset_);
  value_done();
}

}  // namespace instructor
