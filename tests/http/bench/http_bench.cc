// Transport benchmark: requests/s and p50/p99 latency for 1 and 256
// concurrent requests on one io_context thread, and resident memory per
// in-flight request, against the fake provider server in a child process on
// 127.0.0.1.
//
//   http_bench [requests_per_scenario]     (default 20000)
#include <utility>  // first: Boost 1.74's awaitable.hpp needs std::exchange with GCC 12

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <malloc.h>
#include <string>
#include <sys/resource.h>
#include <unistd.h>
#include <vector>

#include "fake_provider_server.h"
#include "server_process.h"
#include "instructor/http/client.h"

namespace asio = boost::asio;
namespace http = instructor::http;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

namespace {

constexpr const char* kBody =
    R"({"id":"chatcmpl-bench","object":"chat.completion","model":"gpt-4o-mini","choices":[{"index":0,)"
    R"("message":{"role":"assistant","content":"{\"name\":\"Ann\",\"age\":31}"},"finish_reason":"stop"}],)"
    R"("usage":{"prompt_tokens":50,"completion_tokens":12,"total_tokens":62}})";


long heap_in_use() { return static_cast<long>(mallinfo2().uordblks); }

long resident_bytes() {
  std::ifstream statm("/proc/self/statm");
  long pages_total = 0, pages_resident = 0;
  statm >> pages_total >> pages_resident;
  return pages_resident * sysconf(_SC_PAGESIZE);
}

double cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

struct Stats {
  double seconds = 0;
  double cpu_seconds = 0;  // of the client process (the server runs in another one)
  std::vector<double> latencies_ms;
  int failures = 0;
};

asio::awaitable<void> worker(http::Client& client, std::string url, int count, Stats& stats) {
  for (int i = 0; i < count; ++i) {
    http::Request request;
    request.method = "POST";
    request.url = url;
    request.headers = {{"Content-Type", "application/json"}, {"Authorization", "Bearer sk-bench"}};
    request.body = R"({"model":"gpt-4o-mini","messages":[{"role":"user","content":"Ann, 31"}]})";
    auto start = Clock::now();
    http::Result result = co_await client.async_send(std::move(request), asio::use_awaitable);
    stats.latencies_ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    if (!result.succeeded() || result.response.status != 200) ++stats.failures;
  }
}

Stats run_scenario(http::Client& client, asio::io_context& io, const std::string& url, int concurrency, int total) {
  Stats stats;
  stats.latencies_ms.reserve(total);
  auto start = Clock::now();
  double cpu_start = cpu_seconds();
  for (int w = 0; w < concurrency; ++w) asio::co_spawn(io, worker(client, url, total / concurrency, stats), asio::detached);
  io.restart();
  io.run();
  stats.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  stats.cpu_seconds = cpu_seconds() - cpu_start;
  return stats;
}

double percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  return values[std::min(values.size() - 1, static_cast<std::size_t>(p * values.size()))];
}

void report(const char* name, const Stats& stats) {
  std::size_t n = stats.latencies_ms.size();
  std::printf("%-28s %8zu requests  %9.0f req/s  p50 %7.3f ms  p99 %7.3f ms  client CPU %5.1f us/request  failures %d\n",
              name, n, n / stats.seconds, percentile(stats.latencies_ms, 0.50), percentile(stats.latencies_ms, 0.99),
              stats.cpu_seconds * 1e6 / static_cast<double>(n), stats.failures);
}

// Resident memory per in-flight request: `n` requests parked on a slow
// endpoint, RSS sampled while they all wait.
void measure_memory(http::Client& client, asio::io_context& io, const std::string& base, int n, const char* label) {
  long rss_before = resident_bytes();
  long heap_before = heap_in_use();
  int done = 0;
  for (int i = 0; i < n; ++i) {
    http::Request request;
    request.method = "POST";
    request.url = base + "/slow";
    request.body = "{}";
    client.async_send(std::move(request), [&done](http::Result) { ++done; });
  }
  io.restart();
  io.run_for(1000ms);  // all connected and waiting for the 1.5 s answer
  long rss_during = resident_bytes();
  long heap_during = heap_in_use();
  io.run();
  std::printf("%-28s %d in flight: heap %.1f KiB/request, RSS %.1f KiB/request (RSS %.1f -> %.1f MiB), %d completed\n",
              label, n, (heap_during - heap_before) / 1024.0 / n, (rss_during - rss_before) / 1024.0 / n,
              rss_before / 1048576.0, rss_during / 1048576.0, done);
}

}  // namespace

int main(int argc, char** argv) {
  int total = argc > 1 ? std::max(256, std::atoi(argv[1])) : 20000;
  instructor::testing::ServerProcess server([](const instructor::testing::RecordedRequest& r) {
    auto response = instructor::testing::ScriptedResponse::json(200, kBody);
    if (r.target == "/slow") response.delay_before_headers = 1500ms;
    return response;
  });
  std::string base = "http://127.0.0.1:" + std::to_string(server.port());
  std::printf("fake provider server: pid %d on %s; client: one io_context thread\n", server.pid(), base.c_str());

  asio::io_context io(1);
  http::ClientOptions options;
  options.proxy = http::ProxySettings{};
  options.pool.max_connections_per_host = 1024;
  options.retry.max_attempts = 1;
  http::Client client(io.get_executor(), options);

  run_scenario(client, io, base + "/v1/chat/completions", 1, 50);  // warm-up: one connection
  measure_memory(client, io, base, 256, "memory, new connections");
  measure_memory(client, io, base, 256, "memory, pooled connections");
  report("1 concurrent request", run_scenario(client, io, base + "/v1/chat/completions", 1, total / 4));
  report("256 concurrent requests", run_scenario(client, io, base + "/v1/chat/completions", 256, total));
  std::printf("connections opened %llu, reused %llu\n",
              static_cast<unsigned long long>(client.stats().connections_opened),
              static_cast<unsigned long long>(client.stats().connections_reused));
  return 0;
}
