// The same call, the same response model, four providers: OpenAI, Anthropic,
// Google Gemini and a local Ollama. Each provider is called for real when its
// key is set (Ollama: when it answers), else its cassette is replayed.
#include <iostream>

#include "acme/user.instructor.h"
#include "common/connect.h"

int main() {
  const instructor::Request request{.messages = {instructor::user("John is 25, lives at 123 Main St, NYC, USA")},
                                    .max_retries = 2};
  int failures = 0;
  for (const char* provider : {"openai/gpt-4o-mini", "anthropic/claude-sonnet-4-5", "google/gemini-2.5-flash",
                               "ollama/llama3.2"}) {
    std::string name = provider;
    name = "multi_provider_" + name.substr(0, name.find('/'));
    auto [client, offline] = examples::connect_to(provider, name);
    auto user = client.create<acme::User>(request);
    if (!user) {
      std::cerr << provider << ": " << user.error().to_text();
      ++failures;
      continue;
    }
    std::cout << "  " << provider << " -> " << user->name() << " " << user->age() << ", "
              << user->addresses_size() << " address(es)\n";
  }
  return failures == 0 ? 0 : 1;
}
