// Secrets never shown; URLs split right; proxies chosen as curl would.
#include <doctest/doctest.h>

#include <cstdlib>

#include "instructor/http/proxy.h"
#include "instructor/http/redact.h"
#include "instructor/http/url.h"

using namespace instructor::http;

TEST_CASE("credential headers are recognised in any case") {
  for (const char* name : {"Authorization", "x-api-key", "API-KEY", "x-goog-api-key", "Proxy-Authorization"}) {
    CHECK(is_secret_header(name));
  }
  CHECK_FALSE(is_secret_header("content-type"));
  CHECK_FALSE(is_secret_header("x-api-key-id"));
}

TEST_CASE("key= query parameters and user:password are redacted from URLs") {
  CHECK(redact_url("https://g.example/v1/models?alt=sse&key=AIzaSECRET&x=1") ==
        "https://g.example/v1/models?alt=sse&key=[REDACTED]&x=1");
  CHECK(redact_url("https://g.example/?KEY=abc") == "https://g.example/?KEY=[REDACTED]");
  CHECK(redact_url("http://user:pass@proxy:3128/") == "http://[REDACTED]@proxy:3128/");
  CHECK(redact_url("https://g.example/v1?monkey=1") == "https://g.example/v1?monkey=1");
}

TEST_CASE("a debug dump of a request never shows its secrets") {
  Request r;
  r.method = "POST";
  r.url = "https://g.example/v1?key=query-secret-1";
  r.headers = {{"Authorization", "Bearer sk-live-secret-2"},
               {"x-api-key", "anthropic-secret-3"},
               {"Content-Type", "application/json"}};
  r.body = "{}";
  std::string dump = debug_dump(r);
  for (const char* secret : {"query-secret-1", "sk-live-secret-2", "anthropic-secret-3"}) CHECK(dump.find(secret) == std::string::npos);
  CHECK(dump.find("Content-Type: application/json") != std::string::npos);
  CHECK(dump.find("Authorization: [REDACTED]") != std::string::npos);
  Redactor redact(r);
  CHECK(redact("echo: sk-live-secret-2 and query-secret-1") == "echo: [REDACTED] and [REDACTED]");
}

TEST_CASE("URLs are split into scheme, host, port and target") {
  auto u = Url::parse("HTTPS://API.Example.com/v1/chat?x=1#frag");
  REQUIRE(u);
  CHECK(u->scheme == "https");
  CHECK(u->host == "api.example.com");
  CHECK(u->port == 443);
  CHECK(u->target == "/v1/chat?x=1");
  CHECK(u->host_header() == "api.example.com");
  auto v = Url::parse("http://127.0.0.1:8080");
  REQUIRE(v);
  CHECK(v->target == "/");
  CHECK(v->host_header() == "127.0.0.1:8080");
  auto six = Url::parse("http://[::1]:99/a");
  REQUIRE(six);
  CHECK(six->host == "::1");
  CHECK(six->authority() == "[::1]:99");
  CHECK_FALSE(Url::parse("ftp://x/"));
  CHECK_FALSE(Url::parse("http://x:0/"));
  CHECK_FALSE(Url::parse("http://x:70000/"));
  CHECK_FALSE(Url::parse("http:///path"));
  CHECK_FALSE(Url::parse("http://a b/"));
  CHECK_FALSE(Url::parse("api.example.com/v1"));
}

TEST_CASE("NO_PROXY exempts hosts, domain suffixes, host:port and *") {
  ProxySettings p;
  p.https_proxy = "http://127.0.0.1:3128";
  p.no_proxy = "localhost, .internal.corp,example.org:8443,10.0.0.7";
  CHECK(p.bypasses("localhost", 443));
  CHECK(p.bypasses("api.internal.corp", 443));
  CHECK(p.bypasses("internal.corp", 443));
  CHECK_FALSE(p.bypasses("notinternal.corp", 443));
  CHECK(p.bypasses("example.org", 8443));
  CHECK_FALSE(p.bypasses("example.org", 443));
  CHECK(p.bypasses("10.0.0.7", 80));
  CHECK(p.proxy_for(*Url::parse("https://api.openai.com/v1")) == "http://127.0.0.1:3128");
  CHECK_FALSE(p.proxy_for(*Url::parse("https://api.internal.corp/")).has_value());
  CHECK_FALSE(p.proxy_for(*Url::parse("http://api.openai.com/")).has_value());  // no http_proxy set
  p.no_proxy = "*";
  CHECK_FALSE(p.proxy_for(*Url::parse("https://api.openai.com/v1")).has_value());
}

TEST_CASE("NO_PROXY IP ranges in CIDR notation match IPv4 and IPv6 hosts") {
  ProxySettings p;
  p.no_proxy = "10.0.0.0/8, 192.168.1.0/24, fd00::/8, 172.16.0.1/32";
  CHECK(p.bypasses("10.1.2.3", 443));
  CHECK(p.bypasses("192.168.1.77", 443));
  CHECK_FALSE(p.bypasses("192.168.2.1", 443));
  CHECK(p.bypasses("fd12::1", 443));
  CHECK_FALSE(p.bypasses("fe80::1", 443));
  CHECK(p.bypasses("172.16.0.1", 443));
  CHECK_FALSE(p.bypasses("172.16.0.2", 443));
  CHECK_FALSE(p.bypasses("api.openai.com", 443));
  p.no_proxy = "10.0.0.0/33,10.0.0.0/x";
  CHECK_FALSE(p.bypasses("10.0.0.1", 443));
}

TEST_CASE("proxy settings come from the environment, lower case first") {
  setenv("HTTPS_PROXY", "upper:1", 1);
  setenv("https_proxy", "http://lower:2", 1);
  setenv("HTTP_PROXY", "plain:3", 1);
  unsetenv("http_proxy");
  setenv("NO_PROXY", "a.example", 1);
  unsetenv("no_proxy");
  auto p = ProxySettings::from_environment();
  CHECK(p.https_proxy == "http://lower:2");
  CHECK(p.http_proxy == "plain:3");
  CHECK(p.no_proxy == "a.example");
  CHECK(p.proxy_for(*Url::parse("http://b.example/")) == "http://plain:3");
  for (const char* name : {"HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "NO_PROXY"}) unsetenv(name);
}
