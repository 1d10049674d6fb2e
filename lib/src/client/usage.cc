#include "instructor/usage.h"

namespace instructor {

Usage& Usage::operator+=(const Usage& other) {
  input_tokens += other.input_tokens;
  output_tokens += other.output_tokens;
  total_tokens += other.total_tokens;
  cached_input_tokens += other.cached_input_tokens;
  cache_creation_input_tokens += other.cache_creation_input_tokens;
  reasoning_tokens += other.reasoning_tokens;
  for (const auto& [name, value] : other.extra) {
    bool found = false;
    for (auto& [mine, sum] : extra) {
      if (mine == name) {
        sum += value;
        found = true;
      }
    }
    if (!found) extra.emplace_back(name, value);
  }
  return *this;
}

bool Usage::empty() const {
  return input_tokens == 0 && output_tokens == 0 && total_tokens == 0 && extra.empty();
}

double Usage::extra_value(std::string_view name) const {
  for (const auto& [key, value] : extra)
    if (key == name) return value;
  return 0;
}

std::string Usage::to_string() const {
  std::string text = "input " + std::to_string(input_tokens);
  if (cached_input_tokens || cache_creation_input_tokens) {
    text += " (cached " + std::to_string(cached_input_tokens);
    if (cache_creation_input_tokens) text += ", cache writes " + std::to_string(cache_creation_input_tokens);
    text += ")";
  }
  text += ", output " + std::to_string(output_tokens);
  if (reasoning_tokens) text += " (reasoning " + std::to_string(reasoning_tokens) + ")";
  text += ", total " + std::to_string(total_tokens);
  return text;
}

}  // namespace instructor
