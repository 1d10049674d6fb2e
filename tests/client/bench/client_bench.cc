// The client's own cost per call, next to the same requests made as a raw
// Beast request + RapidJSON parse: what the library adds is the difference.
// Mode TOOLS, response model clienttest.BenchUser.
//
//   client_bench [--calls N] [--base-url URL --model NAME]
//
// By default a fake OpenAI-compatible server runs in a child process on
// 127.0.0.1 and answers by model name: "fake-user" is {"name":"Jason","age":25},
// "fake-nested-N" adds N addresses (200 addresses is ~33 KB). With --base-url
// the same calls go to any OpenAI-compatible server (plain http for the raw
// baseline), e.g. one serving the same answers for a side-by-side comparison
// with another library; --model then names the small-answer model and
// "<model>-nested" is not assumed: the nested cases use --nested-model.
#include <utility>  // first: Boost 1.74's awaitable.hpp needs std::exchange with GCC 12

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <rapidjson/document.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <sys/resource.h>
#include <unistd.h>
#include <optional>
#include <vector>

#include "clienttest/models.instructor.h"
#include "fake_provider_server.h"
#include "instructor/http/url.h"
#include "instructor/instructor.h"
#include "openai_replies.h"
#include "server_process.h"

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;
using clienttest::BenchUser;

namespace {

struct Settings {
  int calls = 2000;
  std::string base_url;  // empty: the fake server in a child process
  std::string small_model = "fake-user";
  std::string nested_model = "fake-nested-200";
  std::string only;  // run only the cases whose name contains this (for profiling)
};

// ---- Measuring ------------------------------------------------------------------

double cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

long peak_rss_kib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

struct Stats {
  std::vector<double> latencies_ms;
  double seconds = 0;
  double cpu = 0;
  int failures = 0;
  long partials = 0;
};

double percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  return values[std::min(values.size() - 1, static_cast<std::size_t>(p * values.size()))];
}

void print(const char* name, const Stats& s) {
  const double n = static_cast<double>(s.latencies_ms.size());
  double mean = 0;
  for (double l : s.latencies_ms) mean += l;
  std::printf("%-34s %6.0f calls  mean %7.3f  p50 %7.3f  p99 %7.3f ms  %8.0f calls/s  CPU %8.1f us/call  peak RSS %6.1f MiB",
              name, n, mean / n, percentile(s.latencies_ms, 0.5), percentile(s.latencies_ms, 0.99), n / s.seconds,
              s.cpu * 1e6 / n, peak_rss_kib() / 1024.0);
  if (s.partials) std::printf("  partials %.0f/call", static_cast<double>(s.partials) / n);
  if (s.failures) std::printf("  FAILURES %d", s.failures);
  std::printf("\n");
}

// Runs `calls` calls, `in_flight` at a time, of `one(done)` on `io`; each call reports its end with done(ok, partials).
template <typename One>
Stats measure(asio::io_context& io, int calls, int in_flight, One one) {
  Stats stats;
  stats.latencies_ms.reserve(calls);
  int started = 0;
  const auto start = Clock::now();
  const double cpu_start = cpu_seconds();
  std::function<void()> launch = [&] {
    if (started == calls) return;
    ++started;
    const auto call_start = Clock::now();
    one([&, call_start](bool ok, long partials) {
      stats.latencies_ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - call_start).count());
      stats.partials += partials;
      if (!ok) ++stats.failures;
      launch();
    });
  };
  for (int i = 0; i < in_flight; ++i) launch();
  io.restart();
  io.run();
  stats.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  stats.cpu = cpu_seconds() - cpu_start;
  return stats;
}

// ---- The library ----------------------------------------------------------------

instructor::Request request_for(const std::string& model) {
  return instructor::Request{.messages = {instructor::user("Extract the user.")}, .model = model};
}

bool valid(const instructor::Result<BenchUser>& r, int addresses) {
  return r && r->name() == "Jason" && r->age() == 25 && r->addresses_size() == addresses;
}

// ---- The raw baseline: Beast + RapidJSON, no library ------------------------------

// One keep-alive connection per in-flight call, reused; the request body as the
// library would send it in TOOLS mode, the tool arguments parsed with RapidJSON.
class RawCaller {
 public:
  RawCaller(asio::io_context& io, const instructor::http::Url& url) : io_(io), url_(url) {}

  void call(const std::string& model, bool stream, int addresses, std::function<void(bool, long)> done) {
    asio::co_spawn(io_, run(model, stream, addresses, std::move(done)), asio::detached);
  }

 private:
  struct Connection {
    explicit Connection(asio::io_context& io) : stream(io) {}
    beast::tcp_stream stream;
    beast::flat_buffer buffer;
    bool open = false;
  };

  asio::awaitable<void> run(std::string model, bool stream, int addresses, std::function<void(bool, long)> done) {
    std::unique_ptr<Connection> c;
    if (!idle_.empty()) {
      c = std::move(idle_.back());
      idle_.pop_back();
    } else {
      c = std::make_unique<Connection>(io_);
    }
    bool ok = false;
    long events = 0;
    try {
      if (!c->open) {
        tcp::resolver resolver(io_);
        auto endpoints = co_await resolver.async_resolve(url_.host, std::to_string(url_.port), asio::use_awaitable);
        co_await c->stream.async_connect(endpoints, asio::use_awaitable);
        c->open = true;
      }
      bhttp::request<bhttp::string_body> request{bhttp::verb::post, url_.target + "/chat/completions", 11};
      request.set(bhttp::field::host, url_.host_header());
      request.set(bhttp::field::content_type, "application/json");
      request.set(bhttp::field::authorization, "Bearer sk-bench");
      request.body() = body(model, stream);
      request.prepare_payload();
      co_await bhttp::async_write(c->stream, request, asio::use_awaitable);
      bhttp::response<bhttp::string_body> response;
      co_await bhttp::async_read(c->stream, c->buffer, response, asio::use_awaitable);
      std::string arguments = stream ? arguments_from_stream(response.body(), events) : arguments_from_body(response.body());
      rapidjson::Document user;
      user.Parse(arguments.data(), arguments.size());
      ok = !user.HasParseError() && user["name"] == "Jason" && user["age"].GetInt() == 25 &&
           static_cast<int>(user.HasMember("addresses") ? user["addresses"].Size() : 0) == addresses;
    } catch (const std::exception&) {
      c->open = false;
    }
    idle_.push_back(std::move(c));
    done(ok, events);
  }

  static std::string body(const std::string& model, bool stream) {
    std::string b = R"({"model":")" + model + R"(","messages":[{"role":"user","content":"Extract the user."}],)"
                    R"("tools":[{"type":"function","function":{"name":"BenchUser","parameters":)" +
                    std::string(instructor::ModelTraits<BenchUser>::json_schema) +
                    R"(}}],"tool_choice":{"type":"function","function":{"name":"BenchUser"}})";
    return b + (stream ? R"(,"stream":true})" : "}");
  }

  static std::string arguments_from_body(const std::string& body) {
    rapidjson::Document doc;
    doc.Parse(body.data(), body.size());
    const auto& args = doc["choices"][0]["message"]["tool_calls"][0]["function"]["arguments"];
    return {args.GetString(), args.GetStringLength()};
  }

  // Splits the SSE body by hand and parses each event with RapidJSON.
  static std::string arguments_from_stream(const std::string& body, long& events) {
    std::string arguments;
    std::size_t pos = 0;
    while ((pos = body.find("data: ", pos)) != std::string::npos) {
      pos += 6;
      std::size_t end = body.find("\n\n", pos);
      std::string_view data(body.data() + pos, end - pos);
      pos = end;
      if (data == "[DONE]") break;
      rapidjson::Document doc;
      doc.Parse(data.data(), data.size());
      ++events;
      if (!doc.HasMember("choices") || doc["choices"].Empty()) continue;
      const auto& delta = doc["choices"][0]["delta"];
      if (delta.HasMember("tool_calls")) {
        const auto& function = delta["tool_calls"][0]["function"];
        if (function.HasMember("arguments")) arguments.append(function["arguments"].GetString());
      }
    }
    return arguments;
  }

  asio::io_context& io_;
  instructor::http::Url url_;
  std::vector<std::unique_ptr<Connection>> idle_;
};


Settings parse(int argc, char** argv) {
  Settings s;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    if (flag == "--calls") s.calls = std::max(256, std::atoi(argv[i + 1]));
    else if (flag == "--base-url") s.base_url = argv[i + 1];
    else if (flag == "--model") s.small_model = argv[i + 1];
    else if (flag == "--nested-model") s.nested_model = argv[i + 1];
    else if (flag == "--only") s.only = argv[i + 1];
    else {
      std::fprintf(stderr, "usage: client_bench [--calls N] [--base-url URL --model NAME [--nested-model NAME]]\n");
      std::exit(2);
    }
  }
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  Settings settings = parse(argc, argv);
  std::optional<instructor::testing::ServerProcess> server;
  if (settings.base_url.empty()) {
    server.emplace(instructor::testing::answer_by_model);
    settings.base_url = "http://127.0.0.1:" + std::to_string(server->port()) + "/v1";
  }
  std::printf("client_bench: %s, mode TOOLS, model clienttest.BenchUser, one io_context thread\n",
              settings.base_url.c_str());

  asio::io_context io(1);
  instructor::ClientOptions options;
  options.base_url = settings.base_url;
  options.api_key = "sk-bench";
  options.executor = io.get_executor();
  options.http.proxy = instructor::http::ProxySettings{};
  options.http.pool.max_connections_per_host = 512;
  options.mode = instructor::Mode::tools;
  instructor::Client client = instructor::from_provider("openai_compatible/" + settings.small_model, options);
  if (!client.ok()) {
    std::fprintf(stderr, "%s\n", client.configuration_error()->message().c_str());
    return 1;
  }
  auto url = instructor::http::Url::parse(settings.base_url);
  RawCaller raw(io, *url);

  const int n = settings.calls;
  const int nested = settings.nested_model.rfind("fake-nested-", 0) == 0 ? std::atoi(settings.nested_model.c_str() + 12) : 200;
  auto library = [&](const std::string& model, int addresses) {
    return [&, model, addresses](std::function<void(bool, long)> done) {
      client.async_create<BenchUser>(request_for(model), [done = std::move(done), addresses](instructor::Result<BenchUser> r) {
        done(valid(r, addresses), 0);
      });
    };
  };
  auto library_stream = [&](std::function<void(bool, long)> done) {
    auto partials = std::make_shared<long>(0);
    client.async_create_partial<BenchUser>(
        request_for(settings.nested_model), [partials](const BenchUser&, const instructor::Completeness&) { ++*partials; },
        [done = std::move(done), partials, nested](instructor::Result<BenchUser> r) { done(valid(r, nested), *partials); });
  };
  auto raw_call = [&](const std::string& model, bool stream, int addresses) {
    return [&, model, stream, addresses](std::function<void(bool, long)> done) { raw.call(model, stream, addresses, std::move(done)); };
  };

  // Warm-up: connections, schema caches, allocator.
  measure(io, 200, 1, library(settings.small_model, 0));
  measure(io, 200, 1, raw_call(settings.small_model, false, 0));

  auto report = [&](const char* name, auto one, int calls, int in_flight) {
    if (!settings.only.empty() && std::string(name).find(settings.only) == std::string::npos) return;
    print(name, measure(io, calls, in_flight, one));
  };
  report("library: sequential small", library(settings.small_model, 0), n, 1);
  report("raw:     sequential small", raw_call(settings.small_model, false, 0), n, 1);
  report("library: sequential nested-200", library(settings.nested_model, nested), n / 4, 1);
  report("raw:     sequential nested-200", raw_call(settings.nested_model, false, nested), n / 4, 1);
  report("library: 256 in flight, small", library(settings.small_model, 0), n * 2, 256);
  report("raw:     256 in flight, small", raw_call(settings.small_model, false, 0), n * 2, 256);
  report("library: streamed nested-200 (8 B)", library_stream, n / 8, 1);
  report("raw:     streamed nested-200 (8 B)", raw_call(settings.nested_model, true, nested), n / 8, 1);

  return 0;
}
