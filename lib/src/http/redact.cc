#include "instructor/http/redact.h"

#include <algorithm>

namespace instructor::http {
namespace {

constexpr std::string_view kSecretHeaders[] = {"authorization", "proxy-authorization", "x-api-key", "api-key",
                                               "x-goog-api-key"};
constexpr std::string_view kSecretParams[] = {"key", "api_key", "apikey", "access_token"};

bool is_secret_param(std::string_view name) {
  return std::any_of(std::begin(kSecretParams), std::end(kSecretParams),
                     [&](std::string_view p) { return header_name_equals(p, name); });
}

// Calls f(value) for the value of every secret query parameter of a URL.
template <typename F>
void for_each_secret_param(std::string_view url, F f) {
  std::size_t q = url.find('?');
  if (q == std::string_view::npos) return;
  std::string_view query = url.substr(q + 1);
  query = query.substr(0, query.find('#'));
  std::size_t offset = q + 1;
  while (!query.empty()) {
    std::size_t amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    std::size_t eq = pair.find('=');
    if (eq != std::string_view::npos && is_secret_param(pair.substr(0, eq))) {
      f(offset + eq + 1, pair.size() - eq - 1);
    }
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
    offset += amp + 1;
  }
}

// The [start, length) of user:password@ in an absolute URL, when present.
std::pair<std::size_t, std::size_t> userinfo_span(std::string_view url) {
  std::size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return {0, 0};
  std::size_t start = scheme + 3;
  std::size_t end = url.find_first_of("/?#", start);
  std::string_view authority = url.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
  std::size_t at = authority.rfind('@');
  if (at == std::string_view::npos) return {0, 0};
  return {start, at};
}

}  // namespace

bool is_secret_header(std::string_view name) {
  return std::any_of(std::begin(kSecretHeaders), std::end(kSecretHeaders),
                     [&](std::string_view h) { return header_name_equals(h, name); });
}

std::string redact_url(std::string_view url) {
  std::string out(url);
  // Replace from the back so earlier offsets stay valid.
  std::vector<std::pair<std::size_t, std::size_t>> spans;
  auto [user_start, user_len] = userinfo_span(url);
  if (user_len > 0) spans.emplace_back(user_start, user_len);
  for_each_secret_param(url, [&](std::size_t start, std::size_t len) {
    if (len > 0) spans.emplace_back(start, len);
  });
  std::sort(spans.begin(), spans.end());
  for (auto it = spans.rbegin(); it != spans.rend(); ++it) out.replace(it->first, it->second, kRedacted);
  return out;
}

std::string debug_dump(const Request& request) {
  std::string out = request.method + " " + redact_url(request.url) + "\n";
  for (const Header& h : request.headers) {
    out += h.name + ": " + (is_secret_header(h.name) ? std::string(kRedacted) : Redactor(request)(h.value)) + "\n";
  }
  out += "(body: " + std::to_string(request.body.size()) + " bytes)\n";
  return out;
}

Redactor::Redactor(const Request& request) {
  auto add = [this](std::string_view secret) {
    while (!secret.empty() && secret.front() == ' ') secret.remove_prefix(1);
    if (secret.size() >= 4) secrets_.emplace_back(secret);
  };
  for (const Header& h : request.headers) {
    if (!is_secret_header(h.name)) continue;
    add(h.value);
    // "Bearer <token>": the token alone may show up too.
    std::size_t space = h.value.find(' ');
    if (space != std::string::npos) add(std::string_view(h.value).substr(space + 1));
  }
  for_each_secret_param(request.url, [&](std::size_t start, std::size_t len) {
    add(std::string_view(request.url).substr(start, len));
  });
  auto [user_start, user_len] = userinfo_span(request.url);
  if (user_len > 0) add(std::string_view(request.url).substr(user_start, user_len));
  // Longest first, so a token inside a longer secret is not half-replaced.
  std::sort(secrets_.begin(), secrets_.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
}

std::string Redactor::operator()(std::string_view text) const {
  std::string out(text);
  for (const std::string& secret : secrets_) {
    for (std::size_t pos = out.find(secret); pos != std::string::npos; pos = out.find(secret, pos + kRedacted.size())) {
      out.replace(pos, secret.size(), kRedacted);
    }
  }
  return out;
}

}  // namespace instructor::http
