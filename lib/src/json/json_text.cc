#include "json_text.h"

#include <algorithm>
#include <array>
#include <cstdio>

namespace instructor::json_text {
namespace {

struct LiteralSpelling {
  std::string_view word;
  Literal literal;
  bool nonstandard;
};

constexpr std::array<LiteralSpelling, 16> kLiterals{{
    {"true", Literal::true_value, false},
    {"false", Literal::false_value, false},
    {"null", Literal::null_value, false},
    {"True", Literal::true_value, true},
    {"False", Literal::false_value, true},
    {"None", Literal::null_value, true},
    {"TRUE", Literal::true_value, true},
    {"FALSE", Literal::false_value, true},
    {"NULL", Literal::null_value, true},
    {"Null", Literal::null_value, true},
    {"nil", Literal::null_value, true},
    {"undefined", Literal::null_value, true},
    {"NaN", Literal::nan, true},
    {"Infinity", Literal::infinity, true},
    {"-Infinity", Literal::negative_infinity, true},
    {"+Infinity", Literal::infinity, true},
}};

}  // namespace

bool is_strict_number(std::string_view text) {
  std::size_t i = 0;
  if (i < text.size() && text[i] == '-') ++i;
  if (i >= text.size() || !is_digit(text[i])) return false;
  if (text[i] == '0' && i + 1 < text.size() && is_digit(text[i + 1])) return false;
  while (i < text.size() && is_digit(text[i])) ++i;
  if (i < text.size() && text[i] == '.') {
    ++i;
    if (i >= text.size() || !is_digit(text[i])) return false;
    while (i < text.size() && is_digit(text[i])) ++i;
  }
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
    if (i >= text.size() || !is_digit(text[i])) return false;
    while (i < text.size() && is_digit(text[i])) ++i;
  }
  return i == text.size();
}

std::optional<std::string> normalize_number(std::string_view text, bool& nonstandard) {
  nonstandard = false;
  std::size_t i = 0;
  std::string out;
  out.reserve(text.size() + 1);
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) {
    if (text[i] == '-') out += '-';
    else nonstandard = true;
    ++i;
  }
  std::size_t int_begin = i;
  while (i < text.size() && is_digit(text[i])) ++i;
  std::string_view int_part = text.substr(int_begin, i - int_begin);
  std::string_view frac_part;
  bool has_dot = false;
  if (i < text.size() && text[i] == '.') {
    has_dot = true;
    std::size_t frac_begin = ++i;
    while (i < text.size() && is_digit(text[i])) ++i;
    frac_part = text.substr(frac_begin, i - frac_begin);
  }
  if (int_part.empty() && frac_part.empty()) return std::nullopt;
  if (int_part.empty()) {
    nonstandard = true;
    out += '0';
  } else {
    std::size_t zeros = 0;
    while (zeros + 1 < int_part.size() && int_part[zeros] == '0') ++zeros;
    if (zeros > 0) nonstandard = true;
    out += int_part.substr(zeros);
  }
  if (has_dot) {
    if (frac_part.empty()) nonstandard = true;
    else {
      out += '.';
      out += frac_part;
    }
  }
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    out += 'e';
    ++i;
    if (i < text.size() && (text[i] == '-' || text[i] == '+')) out += text[i++];
    std::size_t exp_begin = i;
    while (i < text.size() && is_digit(text[i])) ++i;
    if (i == exp_begin) return std::nullopt;
    out += text.substr(exp_begin, i - exp_begin);
  }
  if (i != text.size()) return std::nullopt;
  return out;
}

Literal parse_literal(std::string_view word, bool& nonstandard) {
  for (const LiteralSpelling& spelling : kLiterals) {
    if (spelling.word == word) {
      nonstandard = spelling.nonstandard;
      return spelling.literal;
    }
  }
  nonstandard = false;
  return Literal::none;
}

bool is_literal_prefix(std::string_view word) {
  for (const LiteralSpelling& spelling : kLiterals) {
    if (spelling.word.substr(0, word.size()) == word) return true;
  }
  return false;
}

namespace {

// Spaces, tabs and a carriage return only.
bool is_blank(std::string_view line) { return line.find_first_not_of(" \t\r") == std::string_view::npos; }

std::string_view indentation(std::string_view line) {
  return line.substr(0, std::min(line.find_first_not_of(" \t"), line.size()));
}

}  // namespace

void dedent_block(std::string& text) {
  const std::size_t first_break = text.find('\n');
  if (first_break != std::string::npos && is_blank(std::string_view(text).substr(0, first_break))) {
    text.erase(0, first_break + 1);
  }
  const std::size_t last_break = text.rfind('\n');
  if (last_break != std::string::npos && is_blank(std::string_view(text).substr(last_break + 1))) {
    text.resize(last_break);
    if (!text.empty() && text.back() == '\r') text.pop_back();
  }
  // The longest run of spaces and tabs that begins every line that is not blank.
  const std::string_view all = text;
  std::string_view margin;
  bool first = true;
  for (std::size_t begin = 0; begin <= all.size();) {
    const std::size_t end = std::min(all.find('\n', begin), all.size());
    const std::string_view line = all.substr(begin, end - begin);
    if (!is_blank(line)) {
      const std::string_view indent = indentation(line);
      std::size_t common = 0;
      while (!first && common < margin.size() && common < indent.size() && margin[common] == indent[common]) ++common;
      margin = first ? indent : margin.substr(0, common);
      first = false;
    }
    begin = end + 1;
  }
  std::string out;
  out.reserve(text.size());
  for (std::size_t begin = 0; begin <= all.size();) {
    const std::size_t end = std::min(all.find('\n', begin), all.size());
    const std::string_view line = all.substr(begin, end - begin);
    if (is_blank(line)) {
      if (!line.empty() && line.back() == '\r') out += '\r';
    } else {
      out += line.substr(margin.size());
    }
    if (end < all.size()) out += '\n';
    begin = end + 1;
  }
  text = std::move(out);
}

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

std::string describe_byte(char c) {
  auto byte = static_cast<unsigned char>(c);
  if (byte >= 0x20 && byte < 0x7F) return std::string("'") + c + "'";
  char text[16];
  std::snprintf(text, sizeof text, "byte 0x%02X", byte);
  return text;
}

}  // namespace instructor::json_text
