#include "replay_server.h"

#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <iostream>
#include <thread>

#include "../../lib/src/cassette/redacted_exchange.h"

namespace instructor::replay {
namespace {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = boost::asio::ip::tcp;

void pause(cassette::Milliseconds recorded, double timing_factor) {
  if (timing_factor > 0 && recorded.count() > 0) {
    std::this_thread::sleep_for(std::chrono::duration_cast<cassette::Milliseconds>(recorded * timing_factor));
  }
}

// The request as the cassette records it: secrets redacted, so `key=` matches.
cassette::RecordedRequest as_recorded(const bhttp::request<bhttp::string_body>& request) {
  http::Request plain;
  plain.method = std::string(request.method_string());
  plain.url = "http://127.0.0.1" + std::string(request.target());
  for (const auto& field : request) plain.headers.push_back({std::string(field.name_string()), std::string(field.value())});
  plain.body = request.body();
  return cassette::recorded_request(plain);
}

std::string json_string(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out + "\"";
}

template <typename Message>
void set_headers(Message& message, const cassette::RecordedResponse& response, bool keep_alive) {
  for (const http::Header& header : response.headers) message.insert(header.name, header.value);
  message.keep_alive(keep_alive);
}

bool write_unmatched(tcp::socket& socket, const std::string& why, bool keep_alive) {
  std::cerr << "instructor-replay: " << why << std::endl;
  bhttp::response<bhttp::string_body> response{bhttp::status::not_found, 11};
  response.set(bhttp::field::content_type, "application/json");
  response.body() = R"({"error":{"message":)" + json_string(why) + R"(,"type":"not_in_cassette","code":"not_in_cassette"}})";
  response.keep_alive(keep_alive);
  response.prepare_payload();
  beast::error_code ec;
  bhttp::write(socket, response, ec);
  return !ec;
}

bool write_whole(tcp::socket& socket, const cassette::RecordedResponse& recorded, bool keep_alive) {
  bhttp::response<bhttp::string_body> response{static_cast<bhttp::status>(recorded.status), 11};
  if (!recorded.reason.empty()) response.reason(recorded.reason);
  set_headers(response, recorded, keep_alive);
  for (const cassette::Chunk& chunk : recorded.chunks) response.body() += chunk.data;
  if (!recorded.streamed) response.body() = recorded.body;
  response.prepare_payload();
  beast::error_code ec;
  bhttp::write(socket, response, ec);
  return !ec && recorded.error_code.empty();
}

bool write_stream(tcp::socket& socket, const cassette::RecordedResponse& recorded, bool keep_alive,
                  double timing_factor) {
  bhttp::response<bhttp::empty_body> head{static_cast<bhttp::status>(recorded.status), 11};
  if (!recorded.reason.empty()) head.reason(recorded.reason);
  set_headers(head, recorded, keep_alive);
  head.chunked(true);
  bhttp::response_serializer<bhttp::empty_body> serializer(head);
  beast::error_code ec;
  bhttp::write_header(socket, serializer, ec);
  for (const cassette::Chunk& chunk : recorded.chunks) {
    if (ec) return false;
    pause(chunk.after, timing_factor);
    if (chunk.data.empty()) continue;  // an empty chunk would end the body
    boost::asio::write(socket, bhttp::make_chunk(boost::asio::buffer(chunk.data)), ec);
  }
  // A stream that was cut short when recorded is cut short again.
  if (ec || !recorded.error_code.empty()) return false;
  boost::asio::write(socket, bhttp::make_chunk_last(), ec);
  return !ec;
}

}  // namespace

void serve_connection(tcp::socket socket, std::shared_ptr<cassette::RequestMatcher> matcher, double timing_factor) {
  beast::flat_buffer buffer;
  for (;;) {
    bhttp::request_parser<bhttp::string_body> parser;
    parser.body_limit(256u << 20);
    beast::error_code ec;
    bhttp::read(socket, buffer, parser, ec);
    if (ec) break;
    const auto& request = parser.get();
    const bool keep_alive = request.keep_alive();
    cassette::RequestMatcher::Match match = matcher->find(as_recorded(request));
    bool open = false;
    if (match.interaction == nullptr) {
      open = write_unmatched(socket, match.error, keep_alive);
    } else {
      const cassette::RecordedResponse& recorded = match.interaction->response;
      pause(recorded.after, timing_factor);
      // A recording of a refused or broken connection: close without a response.
      if (recorded.status == 0) break;
      open = recorded.streamed ? write_stream(socket, recorded, keep_alive, timing_factor)
                               : write_whole(socket, recorded, keep_alive);
    }
    if (!open || !keep_alive) break;
  }
  beast::error_code ignored;
  socket.shutdown(tcp::socket::shutdown_both, ignored);
}

}  // namespace instructor::replay
