// The README's quickstart, compiled and run as it is written there, against
// the fake provider server. The test also checks that the README still shows
// exactly this code.
#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

#include "acme/user.instructor.h"
#include "client_harness.h"
#include "instructor/instructor.h"

using namespace instructor::testing;

namespace {

int quickstart() {
  // README quickstart begin
  auto client = instructor::from_provider("openai/gpt-4o-mini");  // key from OPENAI_API_KEY
  auto user = client.create<acme::User>({
      .messages = {instructor::user("John is 25, lives at 123 Main St, NYC, USA")},
      .max_retries = 3});
  if (!user) { std::cerr << user.error().to_text(); return 1; }  // every attempt, its output, its violations
  std::cout << user->name() << " " << user->age() << "\n";
  // README quickstart end
  return 0;
}

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The lines between the markers, without their common indentation.
std::string quickstart_source() {
  std::string source = read_text(__FILE__);
  const std::string begin = "// README quickstart begin\n";
  std::size_t start = source.find(begin) + begin.size();
  std::size_t end = source.find("  // README quickstart end");
  std::istringstream lines(source.substr(start, end - start));
  std::string line, out;
  while (std::getline(lines, line)) out += line.substr(std::min<std::size_t>(2, line.size())) + "\n";
  return out;
}

// Runs the quickstart with std::cout and std::cerr captured.
int run_quickstart(std::ostringstream& out, std::ostringstream& err) {
  std::streambuf* old_out = std::cout.rdbuf(out.rdbuf());
  std::streambuf* old_err = std::cerr.rdbuf(err.rdbuf());
  int status = quickstart();
  std::cout.rdbuf(old_out);
  std::cerr.rdbuf(old_err);
  return status;
}

// The quickstart reads its key and base URL from the environment, as users' programs do.
void point_openai_at(const FakeProviderServer& server) {
  ::setenv("OPENAI_API_KEY", std::string(kTestKey).c_str(), 1);
  ::setenv("OPENAI_BASE_URL", server.url("/v1").c_str(), 1);
  ::setenv("NO_PROXY", "127.0.0.1", 1);
}

}  // namespace

TEST_CASE("the README quickstart extracts a validated User from the model's tool call") {
  FakeProviderServer server;
  server.push(json_reply(chat_tool_call_body("User", R"({"name": "John", "age": 25, "addresses": [)"
                                                     R"({"street": "123 Main St", "city": "NYC", "country": "US"}]})")));
  point_openai_at(server);
  std::ostringstream out, err;
  CHECK(run_quickstart(out, err) == 0);
  CHECK(out.str() == "John 25\n");
  CHECK(err.str().empty());
  auto request = request_at(server, 0);
  CHECK(request.target == "/v1/chat/completions");
  CHECK(request.header("authorization").value_or("") == "Bearer " + std::string(kTestKey));
}

TEST_CASE("the README quickstart re-asks when the first answer breaks a rule") {
  FakeProviderServer server;
  server.push(json_reply(chat_tool_call_body("User", R"({"name": "John", "age": 250})")));
  server.push(json_reply(chat_tool_call_body("User", R"({"name": "John", "age": 25})")));
  point_openai_at(server);
  std::ostringstream out, err;
  CHECK(run_quickstart(out, err) == 0);
  CHECK(out.str() == "John 25\n");
  CHECK(server.requests().size() == 2);
}

TEST_CASE("the README shows the quickstart exactly as this test runs it") {
  const std::string readme = read_text(INSTRUCTOR_README);
  const std::string code = quickstart_source();
  REQUIRE(code.find("from_provider") != std::string::npos);
  CHECK_MESSAGE(readme.find(code) != std::string::npos, "README.md lacks the quickstart:\n" << code);
}

TEST_CASE("the README's provider table is the library's provider table") {
  const std::string readme = read_text(INSTRUCTOR_README);
  const std::string table = instructor::providers_markdown_table();
  CHECK_MESSAGE(readme.find(table) != std::string::npos, "README.md lacks the provider table:\n" << table);
}
