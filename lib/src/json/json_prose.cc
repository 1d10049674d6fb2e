// The parser's prose: the text around documents, ``` fences around them, and
// an answer that is nothing but one lone value (1214, true, "hello").
#include "json_parser_state.h"

namespace instructor {

using json_text::is_space;

void JsonParser::State::prose(char c) {
  if (c == '`') {
    if (++backticks_ == 3) {
      backticks_ = 0;
      in_fence_ = !in_fence_;
      in_fence_tag_ = in_fence_;
      if (in_fence_) repair(Repair::fenced_block, position_.offset - 2);
      seen_text_ = true;
    }
    return;
  }
  if (backticks_ > 0) {
    backticks_ = 0;
    if (!prose_offset_) prose_offset_ = position_.offset - 1;
    seen_text_ = true;
  }
  if (c == '{' || c == '[') {
    in_fence_tag_ = false;
    begin_document(c);
    return;
  }
  if (in_fence_tag_) {
    if (c == '\n') in_fence_tag_ = false;
    return;
  }
  if (!is_space(c)) {
    if (!prose_offset_) prose_offset_ = position_.offset;
    seen_text_ = true;
  }
}

void JsonParser::State::begin_document(char c) {
  if (prose_offset_) {
    repair(Repair::prose_skipped, *prose_offset_);
    prose_offset_.reset();
  }
  lone_ = LoneValue::impossible;
  lone_text_ = std::string();
  // An answer that starts with an object is JSON; one that starts with "[" may be
  // a markdown link or a "[Note]", so its errors only abandon it.
  committed_ = !seen_text_ && c == '{';
  seen_text_ = true;
  document_offset_ = position_.offset;
  mode_ = Mode::document;
  token_ = Token::none;
  sink_.begin_document(position_.offset);
  open_container(c);
}

void JsonParser::State::end_document(bool repaired_at_end) {
  sink_.end_document(repaired_at_end);
  ++documents_;
  mode_ = Mode::prose;
  token_ = Token::none;
  stack_.clear();
}

// ---- A lone value as the whole answer ----------------------------------------

namespace {

// The first letters of true, false, NaN and Infinity in their spellings
// (null, None... are no answer).
bool could_start_lone_literal(char c) {
  return c == 't' || c == 'f' || c == 'T' || c == 'F' || c == 'N' || c == 'I';
}

}  // namespace

// Follows whether the answer so far, spaces around it aside, could be one
// number, true/false, or quoted string. Held until finish(), which decides;
// most prose is ruled out at its first word.
void JsonParser::State::track_lone_value(char c) {
  switch (lone_) {
    case LoneValue::empty:
      if (is_space(c)) return;
      lone_position_ = position_;
      if (c == '"' || c == '\'') {
        lone_ = LoneValue::quoted;
      } else if (json_text::is_number_char(c) || could_start_lone_literal(c)) {
        lone_ = LoneValue::word;
      } else {
        lone_ = LoneValue::impossible;
        return;
      }
      lone_text_ += c;
      return;
    case LoneValue::word:
      if (is_space(c)) {
        lone_ = LoneValue::word_ended;
        return;
      }
      lone_text_ += c;
      if (!json_text::is_number_char(c) && !json_text::is_literal_prefix(lone_text_)) {
        lone_ = LoneValue::impossible;
        lone_text_ = std::string();
      }
      return;
    case LoneValue::word_ended:
      if (!is_space(c)) {
        lone_ = LoneValue::impossible;
        lone_text_ = std::string();
      }
      return;
    case LoneValue::quoted:
      lone_text_ += c;
      return;
    case LoneValue::impossible:
      return;
  }
}

std::string_view JsonParser::State::lone_text_trimmed() const {
  std::string_view text = lone_text_;
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

// A quoted value must end with its quote: "I can't," she said... is prose.
bool JsonParser::State::lone_value_fits() const {
  if (lone_ == LoneValue::quoted) {
    const std::string_view text = lone_text_trimmed();
    return text.size() >= 2 && text.back() == text.front();
  }
  if (lone_ != LoneValue::word && lone_ != LoneValue::word_ended) return false;
  bool nonstandard = false;
  if (json_text::normalize_number(lone_text_, nonstandard)) return true;
  json_text::Literal literal = json_text::parse_literal(lone_text_, nonstandard);
  return literal != json_text::Literal::none && literal != json_text::Literal::null_value;
}

// Sends the lone value as a document of its own: a number, a literal, or a
// string read with the usual escapes, where every quote but the last is text.
void JsonParser::State::emit_lone_value() {
  const Position end = position_;
  sink_.begin_document(lone_position_.offset);
  token_offset_ = lone_position_.offset;
  if (lone_ == LoneValue::quoted) {
    const std::string_view text = lone_text_trimmed();
    const char quote = text.front();
    position_ = lone_position_;
    begin_string(quote, false);
    position_.advance(quote);
    for (char c : text.substr(1, text.size() - 2)) {
      if (token_ == Token::pending_quote) keep_quote_as_text(c);
      else document(c);
      position_.advance(c);
    }
    if (token_ == Token::pending_quote) {  // the text itself ended with a quote
      repair(Repair::unescaped_quote, pending_position_.offset - 1);
      buffer_ += quote_;
      token_ = Token::string;
    }
    end_string();
  } else {
    buffer_ = lone_text_;
    bool nonstandard = false;
    json_text::Literal literal = json_text::parse_literal(buffer_, nonstandard);
    if (literal == json_text::Literal::none) {
      end_number();
    } else {
      if (nonstandard) repair(Repair::nonstandard_literal, token_offset_);
      send_literal(literal);
    }
  }
  position_ = end;
  token_ = Token::none;
  prose_offset_.reset();
  sink_.end_document(false);
  ++documents_;
}

}  // namespace instructor
