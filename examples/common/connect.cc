#include "connect.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <cstdlib>
#include <iostream>

namespace examples {
namespace {

std::string env(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr ? value : "";
}

// OLLAMA_HOST as Ollama reads it: "host", "host:port" or "http://host:port".
std::pair<std::string, std::string> ollama_address() {
  std::string host = env("OLLAMA_HOST");
  if (host.empty()) return {"127.0.0.1", "11434"};
  if (auto scheme = host.find("://"); scheme != std::string::npos) host = host.substr(scheme + 3);
  if (auto slash = host.find('/'); slash != std::string::npos) host = host.substr(0, slash);
  auto colon = host.rfind(':');
  if (colon == std::string::npos) return {host, "11434"};
  return {host.substr(0, colon), host.substr(colon + 1)};
}

// Whether something accepts TCP connections where Ollama would be, within 300 ms.
bool ollama_answers() {
  namespace asio = boost::asio;
  auto [host, port] = ollama_address();
  asio::io_context io;
  asio::ip::tcp::socket socket(io);
  bool connected = false;
  boost::system::error_code resolve_error;
  auto endpoints = asio::ip::tcp::resolver(io).resolve(host, port, resolve_error);
  if (resolve_error) return false;
  asio::async_connect(socket, endpoints, [&](boost::system::error_code ec, const auto&) { connected = !ec; });
  io.run_for(std::chrono::milliseconds(300));
  return connected;
}

// The provider/model to use when the user configured one, else "".
std::string configured_provider() {
  if (std::string chosen = env("INSTRUCTOR_PROVIDER"); !chosen.empty()) return chosen;
  if (!env("OPENAI_API_KEY").empty()) return "openai/gpt-4o-mini";
  if (!env("ANTHROPIC_API_KEY").empty()) return "anthropic/claude-sonnet-4-5";
  if (!env("GEMINI_API_KEY").empty()) return "google/gemini-2.5-flash";
  if (ollama_answers()) return "ollama/llama3.2";
  return "";
}

bool recording() { return !env("INSTRUCTOR_RECORD").empty() && env("INSTRUCTOR_RECORD") != "0"; }

Connection live(const std::string& provider_and_model, std::string_view cassette, instructor::ClientOptions options) {
  if (recording()) options.cassette = instructor::Cassette::record(cassette_path(cassette));
  Connection connection{instructor::from_provider(provider_and_model, std::move(options)), false};
  std::cout << "provider: " << connection.client.provider() << ", model: " << connection.client.model()
            << (recording() ? " (recording " + cassette_path(cassette) + ")" : "") << "\n";
  return connection;
}

std::string shown_path(std::string_view cassette);

// The cassettes were recorded from this provider and model; no key is needed to replay them.
Connection offline(std::string_view provider_and_model, std::string_view cassette, instructor::ClientOptions options) {
  options.cassette = instructor::Cassette::replay(cassette_path(cassette)).with_recorded_timing();
  Connection connection{instructor::from_provider(provider_and_model, std::move(options)), true};
  std::cout << "offline replay of " << shown_path(cassette) << " (no provider configured: see the README)\n";
  return connection;
}

// The cassette's path as the README names it (relative to the repository) when it is the shipped one.
std::string shown_path(std::string_view cassette) {
  if (!env("INSTRUCTOR_EXAMPLE_CASSETTES").empty()) return cassette_path(cassette);
  return "examples/cassettes/" + std::string(cassette) + ".json";
}

bool key_is_set(std::string_view provider) {
  if (provider == "openai") return !env("OPENAI_API_KEY").empty();
  if (provider == "anthropic") return !env("ANTHROPIC_API_KEY").empty();
  if (provider == "google") return !env("GEMINI_API_KEY").empty() || !env("GOOGLE_API_KEY").empty();
  if (provider == "ollama") return ollama_answers();
  return false;
}

}  // namespace

std::string cassette_path(std::string_view name) {
  std::string folder = env("INSTRUCTOR_EXAMPLE_CASSETTES");
  if (folder.empty()) folder = INSTRUCTOR_EXAMPLE_CASSETTES;
  return folder + "/" + std::string(name) + ".json";
}

Connection connect(std::string_view cassette, instructor::ClientOptions options) {
  if (std::string provider = configured_provider(); !provider.empty()) return live(provider, cassette, std::move(options));
  return offline("openai/gpt-4o-mini", cassette, std::move(options));
}

Connection connect_to(std::string_view provider_and_model, std::string_view cassette, instructor::ClientOptions options) {
  std::string_view provider = provider_and_model.substr(0, provider_and_model.find('/'));
  if (key_is_set(provider)) return live(std::string(provider_and_model), cassette, std::move(options));
  return offline(provider_and_model, cassette, std::move(options));
}

std::string usage_line(const instructor::CallReport& report, std::chrono::steady_clock::duration elapsed) {
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count();
  return "usage: input " + std::to_string(report.usage.input_tokens) + ", output " +
         std::to_string(report.usage.output_tokens) + " (" + std::to_string(report.attempts.size()) +
         (report.attempts.size() == 1 ? " attempt, " : " attempts, ") + std::to_string(ms) + " ms)";
}

}  // namespace examples
