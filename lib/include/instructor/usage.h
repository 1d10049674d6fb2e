// Token counts a provider reports for a call.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace instructor {

// Every count the provider reports. Counts it did not report stay 0.
struct Usage {
  std::int64_t input_tokens = 0;            // prompt tokens, cached ones included
  std::int64_t output_tokens = 0;           // completion tokens, reasoning ones included
  std::int64_t total_tokens = 0;            // as reported, else input + output
  std::int64_t cached_input_tokens = 0;     // input tokens read from the provider's prompt cache
  std::int64_t cache_creation_input_tokens = 0;  // input tokens written to the cache (Anthropic)
  std::int64_t reasoning_tokens = 0;        // output tokens spent thinking
  // Provider-specific numbers by name, e.g. "prompt_cache_hit_tokens"
  // (DeepSeek), "queue_time" (Groq), "cost" (OpenRouter).
  std::vector<std::pair<std::string, double>> extra;

  // Adds every count (extras by name).
  Usage& operator+=(const Usage& other);
  bool empty() const;
  // "input 50 (cached 0), output 12 (reasoning 0), total 62"
  std::string to_string() const;
  // The value of an extra, 0 when absent.
  double extra_value(std::string_view name) const;
};

}  // namespace instructor
