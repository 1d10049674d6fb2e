#include "instructor/http/proxy.h"

#include <arpa/inet.h>

#include <algorithm>
#include <charconv>
#include <vector>
#include <cstdlib>

namespace instructor::http {
namespace {

std::string env(const char* lower_name, const char* upper_name) {
  if (const char* v = std::getenv(lower_name); v != nullptr && *v != '\0') return v;
  if (const char* v = std::getenv(upper_name); v != nullptr && *v != '\0') return v;
  return {};
}

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// An IP address as bytes (4 or 16), empty when `text` is not one.
std::vector<unsigned char> ip_bytes(std::string text) {
  unsigned char buffer[16];
  if (inet_pton(AF_INET, text.c_str(), buffer) == 1) return {buffer, buffer + 4};
  if (inet_pton(AF_INET6, text.c_str(), buffer) == 1) return {buffer, buffer + 16};
  return {};
}

// "10.0.0.0/8" or "fd00::/8" against an IP address host.
bool cidr_matches(std::string_view entry, std::string_view host) {
  std::size_t slash = entry.find('/');
  auto network = ip_bytes(std::string(entry.substr(0, slash)));
  auto address = ip_bytes(std::string(host));
  unsigned bits = 0;
  std::string_view prefix = entry.substr(slash + 1);
  auto [end, ec] = std::from_chars(prefix.data(), prefix.data() + prefix.size(), bits);
  if (network.empty() || network.size() != address.size() || ec != std::errc() ||
      end != prefix.data() + prefix.size() || bits > network.size() * 8) {
    return false;
  }
  for (unsigned i = 0; i < bits; ++i) {
    unsigned mask = 0x80u >> (i % 8);
    if ((network[i / 8] & mask) != (address[i / 8] & mask)) return false;
  }
  return true;
}

// One NO_PROXY entry against a host: exact, a domain suffix on a label
// boundary, or an IP range in CIDR notation.
bool entry_matches(std::string_view entry, std::string_view host, std::uint16_t port) {
  if (entry == "*") return true;
  if (entry.find('/') != std::string_view::npos) return cidr_matches(entry, host);
  if (!entry.empty() && entry.front() != '[') {
    std::size_t colon = entry.rfind(':');
    if (colon != std::string_view::npos && entry.find(':') == colon) {
      if (entry.substr(colon + 1) != std::to_string(port)) return false;
      entry = entry.substr(0, colon);
    }
  } else if (!entry.empty()) {
    std::size_t close = entry.find(']');
    if (close == std::string_view::npos) return false;
    if (close + 1 < entry.size() && entry.substr(close + 2) != std::to_string(port)) return false;
    entry = entry.substr(1, close - 1);
  }
  if (!entry.empty() && entry.front() == '.') entry.remove_prefix(1);
  if (entry.empty()) return false;
  if (host == entry) return true;
  return host.size() > entry.size() && host.substr(host.size() - entry.size()) == entry &&
         host[host.size() - entry.size() - 1] == '.';
}

}  // namespace

ProxySettings ProxySettings::from_environment() {
  ProxySettings settings;
  std::string all = env("all_proxy", "ALL_PROXY");
  settings.https_proxy = env("https_proxy", "HTTPS_PROXY");
  settings.http_proxy = env("http_proxy", "HTTP_PROXY");
  if (settings.https_proxy.empty()) settings.https_proxy = all;
  if (settings.http_proxy.empty()) settings.http_proxy = all;
  settings.no_proxy = env("no_proxy", "NO_PROXY");
  return settings;
}

bool ProxySettings::bypasses(std::string_view host, std::uint16_t port) const {
  std::string lowered = lower(host);
  std::string_view list = no_proxy;
  while (!list.empty()) {
    std::size_t comma = list.find(',');
    std::string entry = lower(trim(list.substr(0, comma)));
    if (entry_matches(entry, lowered, port)) return true;
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  return false;
}

std::optional<std::string> ProxySettings::proxy_for(const Url& target) const {
  std::string_view configured = trim(target.tls() ? https_proxy : http_proxy);
  if (configured.empty() || bypasses(target.host, target.port)) return std::nullopt;
  if (configured.find("://") == std::string_view::npos) return "http://" + std::string(configured);
  return std::string(configured);
}

}  // namespace instructor::http
