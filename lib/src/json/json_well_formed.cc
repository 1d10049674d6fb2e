// Shortcuts for well-formed JSON, the common case: runs of plain string
// bytes, closing quotes, simple escapes and whole tokens between them, each
// taken at once instead of a byte at a time. Every shortcut leaves the state
// exactly as the byte-at-a-time state machine would, and stops before
// anything unusual or cut off by the chunk's end, which the state machine
// then reads (the json fuzzer compares whole and chunked parses).
#include "json_parser_state.h"

#include <bit>
#include <cstdint>
#include <cstring>

namespace instructor {

using json_text::is_digit;
using json_text::is_identifier;

namespace {

constexpr std::uint64_t kOnes = 0x0101010101010101ull;
constexpr std::uint64_t kHighBits = 0x8080808080808080ull;

// A mask with the high bit of each byte of `word` below `limit` (at most
// 0x80). Bytes above the first such byte may be marked wrongly; the lowest
// mark is exact.
constexpr std::uint64_t bytes_below(std::uint64_t word, unsigned char limit) {
  return (word - kOnes * limit) & ~word & kHighBits;
}
constexpr std::uint64_t bytes_equal(std::uint64_t word, char byte) {
  return bytes_below(word ^ (kOnes * static_cast<unsigned char>(byte)), 1);
}

// How many bytes from `data` on can belong to a number token (digits, signs, '.', 'e').
std::size_t number_length(const char* data, std::size_t size) {
  std::size_t n = 0;
  while (n < size && json_text::is_number_char(data[n])) ++n;
  return n;
}

}  // namespace

// How many plain string bytes start at `data`: up to the first quote,
// backslash or control character.
std::size_t JsonParser::State::plain_length(const char* data, std::size_t size) const {
  if (high_surrogate_ != 0) return 0;
  std::size_t n = 0;
  bool found = false;
  // Eight bytes at a time: the first quote, backslash or control character
  // is the lowest byte marked (the input is little-endian in memory order).
  if constexpr (std::endian::native == std::endian::little) {
    for (std::uint64_t word; !found && n + 8 <= size;) {
      std::memcpy(&word, data + n, 8);
      const std::uint64_t marks = bytes_equal(word, quote_) | bytes_equal(word, '\\') | bytes_below(word, 0x20);
      found = marks != 0;
      n += found ? static_cast<std::size_t>(std::countr_zero(marks)) / 8 : 8;
    }
  }
  if (!found) {
    while (n < size && data[n] != quote_ && data[n] != '\\' && static_cast<unsigned char>(data[n]) >= 0x20) ++n;
  }
  return n;
}

// Whether the quote at `data` certainly closes the string, seen from the
// bytes after it in this chunk: a key's quote before ':', a value's before
// '}', ']', or ',' and the next quoted key or item. judge_quote() reaches the
// same verdict through the pending-quote state; this spares the detour for
// nearly every string of well-formed JSON.
bool JsonParser::State::closes_plainly(const char* data, std::size_t size) const {
  if (size < 2 || quote_ != '"' || data[0] != '"' || high_surrogate_ != 0) return false;
  const char next = data[1];
  if (string_is_key_) return next == ':';
  if (next == '}' || next == ']') return true;
  if (next != ',') return false;
  return (size > 2 && data[2] == '"') || (size > 3 && data[2] == ' ' && data[3] == '"');
}

// A two-byte escape (\" \\ \/ \' \n \t \r \b \f) at `data`, decoded as
// escape_char() would; false for anything else (\u, an unknown escape, the
// chunk's end, a backtick string, a pending surrogate).
bool JsonParser::State::plain_escape(const char* data, std::size_t size) {
  if (size < 2 || data[0] != '\\' || quote_ != '"' || high_surrogate_ != 0) return false;
  char decoded;
  switch (data[1]) {
    case '"': case '\\': case '/': case '\'': decoded = data[1]; break;
    case 'n': decoded = '\n'; break;
    case 't': decoded = '\t'; break;
    case 'r': decoded = '\r'; break;
    case 'b': decoded = '\b'; break;
    case 'f': decoded = '\f'; break;
    default: return false;
  }
  buffer_ += decoded;
  position_.offset += 2;
  position_.column += 2;
  return true;
}

// Inside a string: plain runs, simple escapes and a quote that certainly
// closes, for as long as one of them applies. Returns how many bytes it took;
// the string is still open unless its closing quote was among them.
std::size_t JsonParser::State::string_shortcuts(const char* data, std::size_t size) {
  std::size_t i = 0;
  for (;;) {
    const std::size_t n = plain_length(data + i, size - i);
    position_.offset += n;
    position_.column += n;
    if (i + n < size && closes_plainly(data + i + n, size - i - n)) {
      position_.advance('"');
      // Most strings hold no escape and end in the chunk they begin in: such
      // a string (nothing in the buffer yet) goes to the sink straight from
      // the input, never copied.
      if (buffer_.empty()) {
        end_string(std::string_view(data + i, n));
      } else {
        buffer_.append(data + i, n);
        end_string();
      }
      return i + n + 1;
    }
    buffer_.append(data + i, n);
    i += n;
    if (i == size || !plain_escape(data + i, size - i)) return i;
    i += 2;
  }
}

// The number token's bytes from `data` on (digits, signs, '.', 'e'), appended at once.
std::size_t JsonParser::State::number_run(const char* data, std::size_t size) {
  const std::size_t n = number_length(data, size);
  buffer_.append(data, n);
  position_.offset += n;
  position_.column += n;
  return n;
}

// Between tokens in a document: spaces, ':' and ',' where expected, brackets,
// quoted strings, numbers and true/false/null, as structural() and the token
// states would read them. Returns how many bytes it took. A string or number
// it cannot finish (cut off by the chunk, or needing a repair) is left open
// for feed() and the state machine; it never closes the outermost container
// (the end of a document is the state machine's).
std::size_t JsonParser::State::whole_tokens(const char* data, std::size_t size) {
  std::size_t i = 0;
  while (i < size && token_ == Token::none && mode_ == Mode::document) {
    const char c = data[i];
    switch (c) {
      case ' ': case '\t': case '\r': case '\n':
        break;
      case ':':
        if (expect_ != Expect::colon) return i;
        expect_ = Expect::member_value;
        break;
      case ',':
        if (expect_ != Expect::comma_or_close) return i;
        expect_ = in_object() ? Expect::key_after_comma : Expect::item_after_comma;
        break;
      case '{': case '[':
        if (!expects_value()) return i;
        open_container(c);
        break;
      case '}': case ']': {
        const bool object = c == '}';
        const bool closes = expect_ == Expect::comma_or_close || expect_ == (object ? Expect::first_key : Expect::first_item);
        if (!closes || stack_.size() < 2 || stack_.back() != (object ? '{' : '[')) return i;
        close_container(c);
        break;
      }
      case '"': {
        const bool is_key = expect_ == Expect::first_key || expect_ == Expect::key_after_comma;
        if (!is_key && !expects_value()) return i;
        begin_string(c, is_key);
        position_.advance(c);
        ++i;
        i += string_shortcuts(data + i, size - i);
        continue;
      }
      default: {
        if (!expects_value()) return i;
        if (is_digit(c) || c == '-') {
          // The number token as start_value() and the number state would
          // read it; one the chunk cuts off, or that end_number() would
          // repair, goes on in the state machine.
          const std::size_t length = number_length(data + i, size - i);
          token_ = Token::number;
          token_offset_ = position_.offset;
          buffer_.assign(data + i, length);
          position_.offset += length;
          position_.column += length;
          i += length;
          if (i == size || !send_strict_number()) return i;
          continue;
        }
        // JSON's own true, false and null; other words (None, NaN, a bare
        // string) and a word the chunk may cut off are the state machine's.
        std::size_t length = 0;
        while (i + length < size && is_identifier(data[i + length])) ++length;
        bool nonstandard = false;
        const json_text::Literal literal = json_text::parse_literal(std::string_view(data + i, length), nonstandard);
        if (i + length == size || literal == json_text::Literal::none || nonstandard) return i;
        token_offset_ = position_.offset;
        send_literal(literal);
        position_.offset += length;
        position_.column += length;
        i += length;
        continue;
      }
    }
    position_.advance(c);
    ++i;
  }
  return i;
}

}  // namespace instructor
