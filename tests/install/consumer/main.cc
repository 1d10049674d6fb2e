// Uses the generated model and the installed library the way an application
// does: the traits, then a real extraction through the public client against
// a tiny OpenAI-compatible server this program starts on 127.0.0.1.
#include <utility>  // before Asio (Boost 1.74 + GCC 12)

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/write.hpp>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include "cooking/recipe.instructor.h"
#include "instructor/instructor.h"
#include "instructor/version.h"

namespace asio = boost::asio;
using asio::ip::tcp;

namespace {

// `json` as the inside of a JSON string (the answers here hold no backslashes or control characters).
std::string escaped(const std::string& json) {
  std::string out;
  for (char c : json) out += c == '"' ? std::string("\\\"") : std::string(1, c);
  return out;
}

// A chat completion whose tool call carries `arguments`.
std::string tool_call_reply(const std::string& arguments) {
  return R"({"id":"c1","object":"chat.completion","model":"test-model","choices":[{"index":0,"message":{"role":"assistant",)"
         R"("content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"Recipe","arguments":")" +
         escaped(arguments) + R"("}}]},"finish_reason":"tool_calls"}],"usage":{"prompt_tokens":10,"completion_tokens":5,"total_tokens":15}})";
}

// A Responses API response whose output_text is `json`.
std::string responses_reply(const std::string& json) {
  return R"({"id":"resp_1","object":"response","status":"completed","error":null,"incomplete_details":null,)"
         R"("output":[{"type":"message","id":"msg_1","status":"completed","role":"assistant","content":[)"
         R"({"type":"output_text","annotations":[],"text":")" + escaped(json) + R"("}]}],)"
         R"("usage":{"input_tokens":12,"output_tokens":7,"total_tokens":19}})";
}

// Answers one request per connection with the next body, then closes it.
void serve(tcp::acceptor& acceptor, std::vector<std::string> bodies, std::vector<std::string>& requests) {
  for (const std::string& body : bodies) {
    tcp::socket socket(acceptor.get_executor());
    acceptor.accept(socket);
    asio::streambuf buffer;
    asio::read_until(socket, buffer, "\r\n\r\n");
    std::string head(asio::buffers_begin(buffer.data()), asio::buffers_end(buffer.data()));
    std::size_t length_at = head.find("Content-Length: ");
    std::size_t length = length_at == std::string::npos ? 0 : std::stoul(head.substr(length_at + 16));
    std::size_t header_end = head.find("\r\n\r\n") + 4;
    while (buffer.size() < header_end + length) asio::read(socket, buffer, asio::transfer_at_least(1));
    std::string all(asio::buffers_begin(buffer.data()), asio::buffers_end(buffer.data()));
    requests.push_back(all.substr(header_end, length));
    std::string response = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: " +
                           std::to_string(body.size()) + "\r\n\r\n" + body;
    asio::write(socket, asio::buffer(response));
  }
}

}  // namespace

int main() {
  using Traits = instructor::ModelTraits<cooking::Recipe>;
  std::cout << "instructor " << instructor::version() << "\n"
            << Traits::full_name << ": " << Traits::description << "\n";
  cooking::Recipe sample;
  sample.set_name("Shakshuka");
  sample.add_ingredients("eggs");
  std::cout << "serialized bytes: " << sample.SerializeAsString().size() << "\n" << Traits::json_schema << "\n";
  if (Traits::json_schema.find("\"minItems\": 1") == std::string_view::npos) return 1;

  asio::io_context server_io;
  tcp::acceptor acceptor(server_io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
  std::vector<std::string> requests;
  std::thread server(serve, std::ref(acceptor),
                     std::vector<std::string>{tool_call_reply(R"({"name": "Shakshuka", "ingredients": []})"),
                                              tool_call_reply(R"({"name": "Shakshuka", "ingredients": ["eggs", "tomatoes"]})"),
                                              responses_reply(R"({"name": "Menemen", "ingredients": ["eggs", "peppers"]})")},
                     std::ref(requests));

  instructor::ClientOptions options;
  options.base_url = "http://127.0.0.1:" + std::to_string(acceptor.local_endpoint().port()) + "/v1";
  options.mode = instructor::Mode::tools;
  options.http.proxy = instructor::http::ProxySettings{};
  auto client = instructor::from_provider("openai_compatible/test-model", options);
  auto recipe = client.create<cooking::Recipe>({.messages = {instructor::user("Shakshuka: eggs, tomatoes.")},
                                                .max_retries = 1});
  // The same model through OpenAI's Responses API (text.format json_schema, strict).
  options.mode = instructor::Mode::responses_json_schema;
  options.api_key = "sk-consumer-test";
  auto responses = instructor::from_provider("openai/gpt-4o", options)
                       .create<cooking::Recipe>({.messages = {instructor::user("Menemen: eggs, peppers.")}});
  server.join();
  if (!responses || responses->name() != "Menemen" || requests.size() != 3 ||
      requests[2].find(R"("text":{"format":{"type":"json_schema")") == std::string::npos) {
    std::cerr << "the Responses API call failed: " << (responses ? std::string("wrong request") : responses.error().to_text());
    return 1;
  }
  std::cout << "responses api: " << responses->name() << ", " << responses.usage().total_tokens << " tokens\n";
  if (!recipe) {
    std::cerr << recipe.error().to_text();
    return 1;
  }
  std::cout << "extracted: " << recipe->name() << " with " << recipe->ingredients_size() << " ingredients after "
            << recipe.attempts().size() << " attempts, " << recipe.usage().total_tokens << " tokens\n";
  const bool reasked = requests.size() == 3 && requests[1].find("must have at least 1 item") != std::string::npos;
  std::cout << (reasked ? "the second request carried the violation\n" : "the re-ask is missing the violation\n");
  return reasked ? 0 : 1;
}
