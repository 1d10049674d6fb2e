#include "instructor/mode.h"

#include <array>
#include <cctype>

namespace instructor {
namespace {

constexpr std::array<Mode, 8> kModes = {Mode::tools,           Mode::tools_strict,    Mode::json_schema,
                                        Mode::json,            Mode::md_json,         Mode::parallel_tools,
                                        Mode::responses_tools, Mode::responses_json_schema};

}  // namespace

bool answers_with_tools(Mode mode) {
  return mode == Mode::tools || mode == Mode::tools_strict || mode == Mode::parallel_tools ||
         mode == Mode::responses_tools;
}

bool uses_responses_api(Mode mode) { return mode == Mode::responses_tools || mode == Mode::responses_json_schema; }

std::string_view mode_name(Mode mode) {
  switch (mode) {
    case Mode::tools: return "TOOLS";
    case Mode::tools_strict: return "TOOLS_STRICT";
    case Mode::json_schema: return "JSON_SCHEMA";
    case Mode::json: return "JSON";
    case Mode::md_json: return "MD_JSON";
    case Mode::parallel_tools: return "PARALLEL_TOOLS";
    case Mode::responses_tools: return "RESPONSES_TOOLS";
    case Mode::responses_json_schema: return "RESPONSES_JSON_SCHEMA";
  }
  return "?";
}

std::optional<Mode> parse_mode(std::string_view name) {
  for (Mode mode : kModes) {
    std::string_view canonical = mode_name(mode);
    if (canonical.size() != name.size()) continue;
    bool same = true;
    for (std::size_t i = 0; i < name.size() && same; ++i) {
      char c = static_cast<char>(std::toupper(static_cast<unsigned char>(name[i])));
      same = (c == '-' ? '_' : c) == canonical[i];
    }
    if (same) return mode;
  }
  return std::nullopt;
}

std::string ModeSet::to_string() const {
  std::string text;
  for (Mode mode : kModes) {
    if (!contains(mode)) continue;
    if (!text.empty()) text += ", ";
    text += mode_name(mode);
  }
  return text;
}

}  // namespace instructor
