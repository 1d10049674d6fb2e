// Proxies over real sockets: CONNECT tunnels for TLS, absolute-form targets
// for plain HTTP, NO_PROXY, and the environment.
#include <cstdlib>

#include "connect_proxy.h"
#include "transport_harness.h"

using namespace instructor;
using namespace instructor::testing;
using http::Errc;

namespace {

bool contains(const std::string& haystack, std::string_view needle) { return haystack.find(needle) != std::string::npos; }

}  // namespace

TEST_CASE("HTTPS goes through a CONNECT tunnel with proxy credentials, TLS to the origin inside it") {
  auto pki = make_test_pki({"api.provider.test"}, {});
  FakeProviderServer origin(FakeProviderServer::Options{pki.server});
  origin.set_handler([](const RecordedRequest& r) { return ScriptedResponse::json(200, r.target); });
  ConnectProxy proxy(ConnectProxy::Options{"Basic dXNlcjpwYXNz"});  // user:pass
  auto options = test_options();
  options.tls.use_system_store = false;
  options.tls.extra_ca_pem = pki.ca_certificate_pem;
  options.proxy->https_proxy = "http://user:pass@127.0.0.1:" + std::to_string(proxy.port());
  Harness h(options);
  std::string url = "https://api.provider.test:" + std::to_string(origin.port());
  for (int i = 0; i < 2; ++i) {
    auto result = h.send(post(url + "/v1/chat/completions", "{}"));
    REQUIRE_MESSAGE(result.has_response(), result.error.message());
    CHECK(result.response.body == "/v1/chat/completions");
  }
  CHECK(proxy.connect_targets() == std::vector<std::string>{"api.provider.test:" + std::to_string(origin.port())});
  CHECK(proxy.authorizations() == std::vector<std::string>{"Basic dXNlcjpwYXNz"});
  CHECK(origin.server_names() == std::vector<std::string>{"api.provider.test"});
  REQUIRE(origin.requests().size() == 2);
  CHECK_FALSE(origin.requests()[0].header("proxy-authorization").has_value());
}

TEST_CASE("a proxy that refuses the tunnel is a proxy_failed error without the proxy password") {
  ConnectProxy proxy(ConnectProxy::Options{"Basic c29tZW9uZTplbHNl"});
  auto options = test_options();
  options.proxy->https_proxy = "http://user:hunter2secret@127.0.0.1:" + std::to_string(proxy.port());
  std::vector<std::string> log;
  options.log = [&](std::string_view line) { log.emplace_back(line); };
  Harness h(options);
  auto result = h.send(get("https://api.provider.test:1/v1/models"));
  CHECK(result.error == Errc::proxy_failed);
  CHECK(contains(result.error.message(), "407"));
  std::string everything = result.error.message();
  for (const auto& line : log) everything += line;
  CHECK_FALSE(contains(everything, "hunter2secret"));
}

TEST_CASE("plain HTTP through a proxy sends the absolute URL as target") {
  FakeProviderServer proxy_like;  // a forward proxy sees absolute-form targets
  proxy_like.push(ScriptedResponse::json(200, "via proxy"));
  auto options = test_options();
  options.proxy->http_proxy = proxy_like.url();
  Harness h(options);
  auto result = h.send(get("http://origin.test:8080/v1/models?x=1"));
  REQUIRE_MESSAGE(result.has_response(), result.error.message());
  CHECK(result.response.body == "via proxy");
  REQUIRE(proxy_like.requests().size() == 1);
  CHECK(proxy_like.requests()[0].target == "http://origin.test:8080/v1/models?x=1");
  CHECK(proxy_like.requests()[0].header("host") == "origin.test:8080");
}

TEST_CASE("NO_PROXY hosts are reached directly, and an unusable proxy URL fails instead of going direct") {
  FakeProviderServer server;
  server.push(ScriptedResponse::json(200, "direct"));
  ConnectProxy proxy;
  auto options = test_options();
  options.proxy->http_proxy = proxy.url();
  options.proxy->no_proxy = "localhost,127.0.0.1";
  Harness h(options);
  auto result = h.send(get(server.url()));
  REQUIRE(result.has_response());
  CHECK(result.response.body == "direct");
  CHECK(proxy.connect_targets().empty());

  auto tls_proxy = test_options();
  tls_proxy.proxy->https_proxy = "https://127.0.0.1:1";
  Harness refused(tls_proxy);
  auto bad = refused.send(get("https://api.provider.test/"));
  CHECK(bad.error == Errc::proxy_failed);
  CHECK(contains(bad.error.message(), "only http:// proxies"));
}

TEST_CASE("without explicit settings the client takes HTTPS_PROXY from the environment") {
  auto pki = make_test_pki({"env.provider.test"}, {});
  FakeProviderServer origin(FakeProviderServer::Options{pki.server});
  origin.push(ScriptedResponse::json(200, "env"));
  ConnectProxy proxy;
  setenv("HTTPS_PROXY", ("127.0.0.1:" + std::to_string(proxy.port())).c_str(), 1);
  unsetenv("https_proxy");
  unsetenv("NO_PROXY");
  unsetenv("no_proxy");
  auto options = test_options();
  options.proxy.reset();
  options.tls.use_system_store = false;
  options.tls.extra_ca_pem = pki.ca_certificate_pem;
  Harness h(options);
  unsetenv("HTTPS_PROXY");  // read once, when the client was made
  auto result = h.send(get("https://env.provider.test:" + std::to_string(origin.port()) + "/"));
  REQUIRE_MESSAGE(result.has_response(), result.error.message());
  CHECK(result.response.body == "env");
  CHECK(proxy.connect_targets().size() == 1);
}
