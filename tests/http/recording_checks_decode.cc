// The socket-free recording checks: SSE and NDJSON decoding, provider
// framing, and the retry decision on recorded error bodies.
#include <doctest/doctest.h>

#include <random>

#include "instructor/http/retry.h"
#include "provider_fixtures.h"
#include "recording_checks.h"
#include "stream_decoding.h"

namespace instructor::testing {
namespace {

// Blocks with a data line: a data field at the start of a line.
std::size_t data_lines(const std::string& stream) {
  std::size_t count = 0;
  for (std::size_t pos = stream.find("data:"); pos != std::string::npos; pos = stream.find("data:", pos + 1)) {
    if (pos == 0 || stream[pos - 1] == '\n' || stream[pos - 1] == '\r') ++count;
  }
  return count;
}

}  // namespace

std::size_t check_sse_files_decode(const std::filesystem::path& dir) {
  auto files = fixture_files(dir, ".sse");
  std::mt19937 random(42);
  for (const auto& file : files) {
    CAPTURE(file.string());
    std::string stream = read_file(file);
    auto whole = decode_sse(stream).events;
    REQUIRE(!whole.empty());
    CHECK(same_events(decode_sse(stream, {1}).events, whole));
    std::vector<std::size_t> sizes;
    for (int i = 0; i < 64; ++i) sizes.push_back(std::uniform_int_distribution<std::size_t>(1, 97)(random));
    CHECK(same_events(decode_sse(stream, sizes).events, whole));
    for (const http::SseEvent& event : whole) {
      std::string data = trim_right(event.data);
      CHECK_MESSAGE((data == "[DONE]" || is_json(data)), "event data: " << data);
    }
    CHECK(whole.size() == data_lines(stream));
  }
  return files.size();
}

std::size_t check_chunk_files_frame(const std::filesystem::path& dir) {
  auto files = fixture_files(dir, ".chunks.txt");
  for (const auto& file : files) {
    CAPTURE(file.string());
    auto lines = chunk_lines(read_file(file));
    REQUIRE(!lines.empty());
    SseDialect dialect = dialect_of(file);
    std::string stream = frame_as_sse(lines, dialect);
    auto whole = decode_sse(stream).events;
    CHECK(same_events(decode_sse(stream, {1}).events, whole));
    std::size_t expected = lines.size() + (dialect == SseDialect::openai_chat ? 1 : 0);
    REQUIRE(whole.size() == expected);
    for (std::size_t i = 0; i < lines.size(); ++i) {
      CHECK(whole[i].data == lines[i]);
      if (dialect == SseDialect::anthropic || dialect == SseDialect::openai_responses) {
        CHECK(whole[i].type == json_type_of(lines[i]));
      }
    }
  }
  return files.size();
}

std::size_t check_chunk_files_as_ndjson(const std::filesystem::path& dir) {
  auto files = fixture_files(dir, ".chunks.txt");
  for (const auto& file : files) {
    CAPTURE(file.string());
    auto lines = chunk_lines(read_file(file));
    REQUIRE(!lines.empty());
    std::string stream;
    for (const auto& line : lines) stream += line + "\n";
    CHECK(decode_ndjson(stream, 1) == lines);
    CHECK(decode_ndjson(stream, 4096) == lines);
  }
  return files.size();
}

void check_provider_framing(const std::filesystem::path& anthropic_sse, const std::filesystem::path& gemini_sse,
                            const std::filesystem::path& openrouter_sse, const std::filesystem::path& openai_sse) {
  auto anthropic = decode_sse(read_file(anthropic_sse)).events;
  REQUIRE(!anthropic.empty());
  CHECK(anthropic.front().type == "message_start");
  CHECK(anthropic.back().type == "message_stop");
  for (const auto& e : anthropic) CHECK(json_type_of(trim_right(e.data)) == e.type);

  std::string gemini_bytes = read_file(gemini_sse);
  CHECK(gemini_bytes.find("\r\n\r\n") != std::string::npos);
  auto gemini = decode_sse(gemini_bytes).events;
  REQUIRE(!gemini.empty());
  for (const auto& e : gemini) CHECK(e.data.find('\r') == std::string::npos);

  auto openrouter = decode_sse(read_file(openrouter_sse));
  CHECK(!openrouter.comments.empty());
  REQUIRE(!openrouter.events.empty());
  CHECK(openrouter.events.back().data == "[DONE]");

  auto openai = decode_sse(read_file(openai_sse)).events;
  REQUIRE(!openai.empty());
  CHECK(openai.back().data == "[DONE]");
}

void check_error_bodies_retry(const std::filesystem::path& insufficient_quota_json,
                              const std::filesystem::path& resource_exhausted_json) {
  http::Request post;
  post.method = "POST";
  post.url = "https://api.example.com/v1/chat/completions";
  auto classify = [&](const std::filesystem::path& body) {
    http::Response response;
    response.status = 429;
    response.body = read_file(body);
    return http::classify_attempt(http::RetryPolicy{}, post, http::Error(), &response);
  };
  REQUIRE(read_file(insufficient_quota_json).find("insufficient_quota") != std::string::npos);
  auto quota = classify(insufficient_quota_json);
  CHECK_FALSE(quota.retry);
  CHECK(quota.reason.find("insufficient_quota") != std::string::npos);
  REQUIRE(read_file(resource_exhausted_json).find("RESOURCE_EXHAUSTED") != std::string::npos);
  CHECK(classify(resource_exhausted_json).retry);
}

}  // namespace instructor::testing
