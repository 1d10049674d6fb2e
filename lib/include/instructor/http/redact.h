// Keeps secrets out of errors, logs and debug dumps.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "instructor/http/message.h"

namespace instructor::http {

// The replacement text for a secret.
inline constexpr std::string_view kRedacted = "[REDACTED]";

// True for headers that carry credentials: authorization, proxy-authorization,
// x-api-key, api-key, x-goog-api-key (any case).
bool is_secret_header(std::string_view name);

// The URL with the values of `key=` (and `api_key=`, `access_token=`) query
// parameters and any user:password@ replaced by [REDACTED].
std::string redact_url(std::string_view url);

// The request as text (request line, headers, body size) with every secret redacted.
std::string debug_dump(const Request& request);

// Removes every secret of one request from texts built about it.
class Redactor {
 public:
  explicit Redactor(const Request& request);
  // The text with every occurrence of a secret of the request replaced.
  std::string operator()(std::string_view text) const;

 private:
  std::vector<std::string> secrets_;
};

}  // namespace instructor::http
