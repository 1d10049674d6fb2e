// The lenient incremental JSON parser: driving the byte-at-a-time state
// machine, the prose around documents, and the structure of a document.
#include "json_parser_state.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace instructor {

using json_text::describe_byte;
using json_text::is_digit;
using json_text::is_identifier;
using json_text::is_identifier_start;
using json_text::is_space;


std::string ParseError::to_string() const {
  return "line " + std::to_string(line) + ", column " + std::to_string(column) + " (byte " +
         std::to_string(offset) + "): " + message;
}

// ---- Driving -------------------------------------------------------------

bool JsonParser::State::feed(std::string_view chunk) {
  if (mode_ == Mode::failed) return false;
  if (finished_) {
    fail_hard("feed() after finish(): the input had already ended");
    return false;
  }
  if (chunk.size() > options_.max_size - consumed_) {
    position_.offset = options_.max_size;
    fail_hard("the input is larger than the limit of " + std::to_string(options_.max_size) + " bytes");
    return false;
  }
  consumed_ += chunk.size();
  std::string_view rest = chunk;
  if (held_size_ != 0 && !read_held(rest, false)) return false;
  if (!read(rest.data(), rest.size(), true)) return false;
  send_partial_string();
  return true;
}

// The quote held back at the end of the last chunk, read with enough of
// this chunk to judge it (`rest` loses what was read), or as it is when the
// input ends.
bool JsonParser::State::read_held(std::string_view& rest, bool input_ends) {
  char window[sizeof(held_) + kHeldWindow];
  const std::size_t take = std::min(rest.size(), kHeldWindow);
  std::memcpy(window, held_, held_size_);
  if (take != 0) std::memcpy(window + held_size_, rest.data(), take);  // an empty `rest` may have no data
  const std::size_t size = held_size_ + take;
  held_size_ = 0;
  rest.remove_prefix(take);
  return read(window, size, !input_ends && rest.empty());
}

// Reads bytes of the input; `at_chunk_end`: they end the chunk given, and a
// quote there may be held back for the next one (hold_undecided_quote).
bool JsonParser::State::read(const char* data, std::size_t size, bool at_chunk_end) {
  std::size_t i = 0;
  while (i < size) {
    // Shortcuts for well-formed JSON (json_well_formed.cc): inside a string,
    // inside a number, and whole tokens between tokens; what they leave is
    // read byte by byte.
    if (token_ == Token::string && mode_ == Mode::document) {
      const std::size_t j = i + string_shortcuts(data + i, size - i);
      if (j > i) {
        i = j;
        continue;
      }
    }
    if (token_ == Token::number && mode_ == Mode::document) {
      const std::size_t j = i + number_run(data + i, size - i);
      if (j > i) {
        i = j;
        continue;
      }
    }
    if (token_ == Token::none && mode_ == Mode::document) {
      const std::size_t j = i + whole_tokens(data + i, size - i);
      if (mode_ == Mode::failed) return false;
      if (j > i) {
        i = j;
        continue;
      }
      // Between tokens: what process() would hand to structural(), without the
      // dispatch (a space is simply skipped).
      const char c = data[i];
      if (c != ' ') structural(c);
      if (resume_in_prose_) {
        resume_in_prose_ = false;
        if (mode_ == Mode::prose) prose(c);
      }
      position_.advance(c);
      ++i;
      if (mode_ == Mode::failed) return false;
      continue;
    }
    if (at_chunk_end && token_ == Token::string && hold_undecided_quote(data + i, size - i)) return true;
    step(data[i]);
    ++i;
    if (mode_ == Mode::failed) return false;
  }
  return true;
}

// A quote near the chunk's end that only the next bytes can judge (nothing
// after it, or after a value "," or ", "): held back, with what follows it,
// and read with the next chunk's first bytes through the shortcuts. Read now,
// it would go through the pending-quote state and be replayed byte by byte:
// the same events, at several times the cost.
bool JsonParser::State::hold_undecided_quote(const char* data, std::size_t size) {
  if (mode_ != Mode::document || quote_ != '"' || data[0] != '"' || high_surrogate_ != 0 || size > sizeof(held_)) {
    return false;
  }
  const std::string_view after(data + 1, size - 1);
  const bool undecided = after.empty() || (!string_is_key_ && (after == "," || after == ", "));
  if (!undecided) return false;
  std::memcpy(held_, data, size);
  held_size_ = static_cast<std::uint8_t>(size);
  return true;
}

void JsonParser::State::send_partial_string() {
  if (mode_ != Mode::document || string_is_key_) return;
  bool in_string = token_ == Token::string || token_ == Token::escape || token_ == Token::unicode ||
                   token_ == Token::pending_quote || token_ == Token::triple_string ||
                   (token_ == Token::code_block && !fence_info_);
  if (!in_string || buffer_.size() == partial_sent_) return;
  partial_sent_ = buffer_.size();
  sink_.partial_string(buffer_, token_offset_);
}

void JsonParser::State::process(char c) {
  switch (mode_) {
    case Mode::prose:
      if (lone_ != LoneValue::impossible) track_lone_value(c);
      prose(c);
      return;
    case Mode::failed:
      return;
    case Mode::document:
      document(c);
      if (resume_in_prose_) {
        resume_in_prose_ = false;
        if (mode_ == Mode::prose) prose(c);
      }
      return;
  }
}

void JsonParser::State::fail(std::string message) {
  if (committed_) {
    fail_hard(std::move(message));
    return;
  }
  // A {...} in prose that is not JSON after all: forget it, keep looking.
  if (!first_soft_error_) first_soft_error_ = make_error(std::move(message));
  sink_.abandon_document();
  repair(Repair::invalid_fragment_skipped, document_offset_);
  stack_.clear();
  token_ = Token::none;
  mode_ = Mode::prose;
  seen_text_ = true;
  resume_in_prose_ = true;
}

void JsonParser::State::fail_hard(std::string message) {
  error_ = make_error(std::move(message));
  mode_ = Mode::failed;
}

// ---- Structure -------------------------------------------------------------

void JsonParser::State::document(char c) {
  switch (token_) {
    case Token::none:
      structural(c);
      return;
    case Token::string:
      string_char(c);
      return;
    case Token::escape:
      escape_char(c);
      return;
    case Token::unicode:
      unicode_char(c);
      return;
    case Token::pending_quote:
      pending_quote_char(c);
      return;
    case Token::triple_string:
      triple_char(c);
      return;
    case Token::code_block:
      code_block_char(c);
      return;
    case Token::number:
      if (json_text::is_number_char(c)) {
        buffer_ += c;
      } else if (c == 'I' && (buffer_ == "-" || buffer_ == "+")) {
        buffer_ += c;  // -Infinity
        token_ = Token::word;
        word_is_key_ = false;
        word_in_object_ = in_object();
      } else if (end_number()) {
        structural(c);
      }
      return;
    case Token::word:
      word_char(c);
      return;
    case Token::bare_string:
      bare_char(c);
      return;
    case Token::bare_boundary:
      bare_boundary_char(c);
      return;
    case Token::slash:
      if (c == '/' || c == '*') {
        repair(Repair::comment, token_offset_);
        token_ = c == '/' ? Token::line_comment : Token::block_comment;
      } else if (expect_ == Expect::member_value) {
        begin_bare_string("/");  // a value such as /api/users
        bare_char(c);
      } else {
        fail("unexpected '/' (a comment starts with // or /*)");
      }
      return;
    case Token::line_comment:
      if (c == '\n') token_ = Token::none;
      return;
    case Token::block_comment:
      if (c == '*') token_ = Token::block_comment_star;
      return;
    case Token::block_comment_star:
      if (c == '/') token_ = Token::none;
      else if (c != '*') token_ = Token::block_comment;
      return;
  }
}

void JsonParser::State::structural(char c) {
  if (is_space(c)) return;
  if (c == '/') {
    token_ = Token::slash;
    token_offset_ = position_.offset;
    return;
  }
  if (c == '#') {
    repair(Repair::comment);
    token_ = Token::line_comment;
    return;
  }
  if (c == '`' && !starts_code_value()) {
    // A closing fence inside the document: the model stopped mid-way.
    close_truncated_document();
    resume_in_prose_ = true;
    return;
  }
  switch (expect_) {
    case Expect::first_item:
    case Expect::item_after_comma:
      array_item(c);
      return;
    case Expect::member_value:
      member_value(c);
      return;
    case Expect::first_key:
    case Expect::key_after_comma:
      key_start(c);
      return;
    case Expect::colon:
      colon(c);
      return;
    case Expect::comma_or_close:
      after_value(c);
      return;
  }
}

void JsonParser::State::array_item(char c) {
  if (c == ']') {
    if (expect_ == Expect::item_after_comma) repair(Repair::trailing_comma);
    close_container(c);
  } else if (c == ',') {
    repair(Repair::missing_value);
  } else if (c == '}') {
    close_container(c);
  } else if (!start_value(c, false)) {
    fail("expected a value or ']' in an array; found " + describe_byte(c));
  }
}

void JsonParser::State::member_value(char c) {
  if (c == '}' || c == ']') {
    repair(Repair::missing_value);
    close_container(c);
  } else if (c == ',') {
    repair(Repair::missing_value);
    expect_ = Expect::key_after_comma;
  } else if (!start_value(c, true)) {
    fail("expected a value after ':'; found " + describe_byte(c));
  }
}

void JsonParser::State::key_start(char c) {
  if (c == '"' || c == '\'') {
    begin_string(c, true);
  } else if (is_identifier_start(c) || is_digit(c)) {
    token_ = Token::word;
    token_offset_ = position_.offset;
    buffer_.assign(1, c);
    word_is_key_ = true;
  } else if (c == '}') {
    if (expect_ == Expect::key_after_comma) repair(Repair::trailing_comma);
    close_container(c);
  } else if (c == ',') {
    repair(Repair::missing_value);
  } else if (c == ']') {
    close_container(c);
  } else {
    fail("expected a key or '}' in an object; found " + describe_byte(c));
  }
}

void JsonParser::State::colon(char c) {
  if (c == ':') {
    expect_ = Expect::member_value;
  } else if (c == ',') {
    repair(Repair::missing_value);
    expect_ = Expect::key_after_comma;
  } else {
    std::size_t offset = position_.offset;
    if (!start_value(c, true)) {
      fail("expected ':' after an object key; found " + describe_byte(c));
      return;
    }
    repair(Repair::missing_colon, offset);
  }
}

void JsonParser::State::after_value(char c) {
  if (c == ',') {
    expect_ = in_object() ? Expect::key_after_comma : Expect::item_after_comma;
  } else if (c == '}' || c == ']') {
    close_container(c);
  } else if (in_object()) {
    if (c == '"' || c == '\'' || is_identifier_start(c)) {
      repair(Repair::missing_comma);
      expect_ = Expect::key_after_comma;
      key_start(c);
    } else {
      fail("expected ',' or '}' after an object member; found " + describe_byte(c));
    }
  } else {
    std::size_t offset = position_.offset;
    if (c != ':' && start_value(c, false)) {
      repair(Repair::missing_comma, offset);
    } else {
      fail("expected ',' or ']' after an array item; found " + describe_byte(c));
    }
  }
}

bool JsonParser::State::start_value(char c, bool in_object) {
  if (c == '{' || c == '[') {
    open_container(c);
  } else if (c == '"' || c == '\'') {
    begin_string(c, false);
  } else if (is_digit(c) || c == '-' || c == '+' || c == '.') {
    token_ = Token::number;
    token_offset_ = position_.offset;
    buffer_.assign(1, c);
  } else if (is_identifier_start(c)) {
    token_ = Token::word;
    token_offset_ = position_.offset;
    buffer_.assign(1, c);
    word_is_key_ = false;
    word_in_object_ = in_object;
  } else if (c == '`') {
    begin_string(c, false);
  } else if (in_object && json_text::starts_text(c)) {
    token_offset_ = position_.offset;
    begin_bare_string(std::string(1, c));
  } else {
    return false;
  }
  return true;
}

void JsonParser::State::open_container(char c) {
  if (stack_.size() >= options_.max_depth) {
    fail_hard("objects and arrays are nested deeper than the limit of " +
              std::to_string(options_.max_depth));
    return;
  }
  stack_.push_back(c);
  if (c == '{') {
    sink_.begin_object(position_.offset);
    expect_ = Expect::first_key;
  } else {
    sink_.begin_array(position_.offset);
    expect_ = Expect::first_item;
  }
}

void JsonParser::State::pop_container() {
  char open = stack_.back();
  stack_.pop_back();
  if (open == '{') sink_.end_object(position_.offset);
  else sink_.end_array(position_.offset);
}

void JsonParser::State::close_container(char c) {
  const char wanted = c == '}' ? '{' : '[';
  if (stack_.back() != wanted) {
    repair(Repair::mismatched_bracket);
    std::size_t match = stack_.size();
    while (match > 0 && stack_[match - 1] != wanted) --match;
    if (match > 0) {
      while (stack_.size() > match) pop_container();
    }
  }
  pop_container();
  if (stack_.empty()) end_document(false);
  else value_done();
}

// ---- Public face -----------------------------------------------------------

JsonParser::JsonParser(JsonSink& sink, ParserOptions options)
    : state_(std::make_unique<State>(sink, options)) {}
JsonParser::~JsonParser() = default;
bool JsonParser::feed(std::string_view chunk) { return state_->feed(chunk); }
bool JsonParser::finish() { return state_->finish(); }
const std::optional<ParseError>& JsonParser::error() const { return state_->error(); }
std::size_t JsonParser::bytes_consumed() const { return state_->bytes_consumed(); }


}  // namespace instructor
