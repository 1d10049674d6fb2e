#include "instructor/http/message.h"

#include <algorithm>

namespace instructor::http {
namespace {

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

}  // namespace

bool header_name_equals(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return lower(x) == lower(y); });
}

std::optional<std::string_view> find_header(const std::vector<Header>& headers, std::string_view name) {
  for (const Header& h : headers) {
    if (header_name_equals(h.name, name)) return std::string_view(h.value);
  }
  return std::nullopt;
}

bool Request::idempotent() const {
  static constexpr std::string_view kIdempotent[] = {"GET", "HEAD", "PUT", "DELETE", "OPTIONS", "TRACE"};
  for (std::string_view m : kIdempotent) {
    if (method == m) return true;
  }
  return find_header(headers, "idempotency-key").has_value();
}

}  // namespace instructor::http
