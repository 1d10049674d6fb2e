// How an example reaches a model, and the first line it prints to say so: a
// real provider when one is configured or answers, else an offline replay of
// the example's cassette in examples/cassettes/.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include <instructor/instructor.h>

namespace examples {

struct Connection {
  instructor::Client client;
  bool offline = false;  // replaying a cassette
};

// The provider, in this order: INSTRUCTOR_PROVIDER ("anthropic/claude-sonnet-4-5");
// the first of OPENAI_API_KEY, ANTHROPIC_API_KEY, GEMINI_API_KEY that is set;
// Ollama when it answers on OLLAMA_HOST or 127.0.0.1:11434; else the offline
// replay of examples/cassettes/<cassette>.json. With INSTRUCTOR_RECORD=1 the
// calls to the provider are recorded into that cassette.
Connection connect(std::string_view cassette, instructor::ClientOptions options = {});

// The same, for one given provider ("ollama/llama3.2"): that provider when its
// key is set (Ollama: when it answers), else the replay of the cassette.
Connection connect_to(std::string_view provider_and_model, std::string_view cassette,
                      instructor::ClientOptions options = {});

// The path of examples/cassettes/<name>.json (INSTRUCTOR_EXAMPLE_CASSETTES overrides the folder).
std::string cassette_path(std::string_view name);

// "usage: input 120, output 25 (2 attempts, 840 ms)"
std::string usage_line(const instructor::CallReport& report, std::chrono::steady_clock::duration elapsed);

}  // namespace examples
