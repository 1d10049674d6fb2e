// Small text facts the JSON parser needs: character classes, number syntax,
// literals, UTF-8 encoding, dedenting a block of code and how to name a byte
// in an error message.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace instructor::json_text {

inline bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
inline bool is_digit(char c) { return c >= '0' && c <= '9'; }
inline bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
inline bool is_identifier_start(char c) { return is_alpha(c) || c == '_' || c == '$'; }
inline bool is_identifier(char c) { return is_identifier_start(c) || is_digit(c); }
inline bool is_number_char(char c) {
  return is_digit(c) || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
}
// A byte that starts no JSON token but starts prose often enough (**bold**,
// (a note), <b>, non-ASCII letters and quotes): an unquoted value in an object.
inline bool starts_text(char c) {
  return static_cast<unsigned char>(c) >= 0x80 || c == '*' || c == '(' || c == '<';
}
inline int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Strict JSON number syntax (-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?), the form from_chars reads as is.
bool is_strict_number(std::string_view text);

// A number written leniently (+1, 007, .5, 5.) in JSON syntax; nullopt when
// the text is no number at all. `nonstandard` says whether it had to change.
std::optional<std::string> normalize_number(std::string_view text, bool& nonstandard);

// What a bare word means as a JSON value.
enum class Literal { none, true_value, false_value, null_value, nan, infinity, negative_infinity };

// The literal a bare word spells (true, True, TRUE, None, undefined, NaN...);
// `nonstandard` is false only for JSON's own true, false and null.
Literal parse_literal(std::string_view word, bool& nonstandard);

// Whether the word could still grow into a literal ("tr", "Non").
bool is_literal_prefix(std::string_view word);

// The text of a triple-quoted string or code block as meant: a blank first
// line (after the opening delimiter) and a blank last line (before the
// closing one) removed, then the common indentation, as Python's
// textwrap.dedent does (lines of only spaces and tabs become empty and do not
// count).
void dedent_block(std::string& text);

// Appends the code point as UTF-8.
void append_utf8(std::string& out, std::uint32_t code_point);

// "'x'" for a printable character, "byte 0x07" otherwise.
std::string describe_byte(char c);

}  // namespace instructor::json_text
