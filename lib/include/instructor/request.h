// What one extraction asks: the conversation, sampling settings, and the
// limits of the call (re-asks, deadline, token budget).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "instructor/http/message.h"
#include "instructor/mode.h"
#include "instructor/violation.h"

namespace google::protobuf {
class Message;
}  // namespace google::protobuf

namespace instructor {

class CustomValidators;

// A validator that may take its time (ask a model, a database, a service):
// it checks `message` and calls `done` once with what it found (empty: valid),
// from any thread. It must not block. See llm_validator() in
// instructor/llm_validator.h.
using AsyncValidator = std::function<void(const google::protobuf::Message& message,
                                          std::function<void(Violations found)> done)>;

enum class Role : std::uint8_t { system, developer, user, assistant };

// "system", "developer", "user", "assistant".
std::string_view role_name(Role role);

// One piece of a message's content: text, or an image by URL or by bytes.
struct ContentPart {
  enum class Kind : std::uint8_t { text, image_url, image_bytes };
  Kind kind = Kind::text;
  std::string text;       // Kind::text
  std::string url;        // Kind::image_url: https://... or a data: URL
  std::string data;       // Kind::image_bytes: the raw bytes (sent base64-encoded as a data URL)
  std::string mime_type;  // Kind::image_bytes: "image/png", "image/jpeg", ...
  std::string detail;     // images: "low", "high", "auto" or empty (the provider's default)
};

ContentPart text_part(std::string text);
ContentPart image_url(std::string url, std::string detail = {});
ContentPart image_bytes(std::string data, std::string mime_type, std::string detail = {});

// One message of the conversation.
struct ChatMessage {
  Role role = Role::user;
  std::vector<ContentPart> content;
};

ChatMessage system(std::string text);
// Qualify it, instructor::system("..."): with `using namespace instructor` an
// unqualified system("...") would be ambiguous with the C library's system()
// (this overload makes that a compile error rather than a shell command).
ChatMessage system(const char* text);
ChatMessage developer(std::string text);
ChatMessage user(std::string text);
ChatMessage user(std::vector<ContentPart> parts);
ChatMessage assistant(std::string text);

// One extraction. Unset options fall back to the client's defaults.
struct Request {
  std::vector<ChatMessage> messages;
  // How many times the model is asked again after an answer that does not
  // parse or breaks a rule (0: one attempt only). Transport retries (429,
  // 5xx, connection errors) are separate and never use these up.
  int max_retries = 0;

  std::optional<std::string> model;  // overrides the model named in from_provider
  std::optional<Mode> mode;          // overrides the client's mode
  std::optional<double> temperature;
  std::optional<double> top_p;
  std::optional<std::int64_t> max_tokens;  // sent as the field the provider wants (max_completion_tokens for OpenAI)
  std::vector<std::string> stop;
  std::optional<std::int64_t> seed;

  // A JSON object merged into the request body at the top level, for anything
  // provider-specific. Its keys win over the ones the library writes.
  std::string extra_body;
  // Headers added to every HTTP request of this call (after the client's).
  std::vector<http::Header> extra_headers;

  // Stream the reply even where no partials are asked for (create,
  // create_parallel...): long answers then never sit idle behind a proxy.
  // create_partial and create_iterable always stream.
  bool stream = false;

  // One deadline over the whole call: every attempt, re-ask and transport retry.
  std::optional<std::chrono::milliseconds> timeout;
  // Stop re-asking once the attempts so far used this many tokens (input + output).
  std::optional<std::int64_t> token_budget;
  // How many failed attempts the re-ask shows the model (the latest ones).
  int reask_history = 1;

  // Validators for this call only, run after the .proto's rules and the global validators.
  std::shared_ptr<const CustomValidators> validators;
  // Asynchronous validators, run on an answer that passed every other rule,
  // all at once; their violations re-ask the model like any other (calls of
  // one response model: create, create_with_completion, create_partial).
  std::vector<AsyncValidator> async_validators;
};

}  // namespace instructor
