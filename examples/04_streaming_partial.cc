// Streaming: the User as it grows, one typed partial message per change. On a
// terminal the line is redrawn in place; otherwise each partial is a line.
#include <unistd.h>

#include <iostream>

#include "acme/user.instructor.h"
#include "common/connect.h"

namespace {

std::string describe(const acme::User& user) {
  std::string line = "name=\"" + user.name() + "\" age=" + std::to_string(user.age()) + " addresses=[";
  for (int i = 0; i < user.addresses_size(); ++i) {
    line += (i ? ", " : "") + user.addresses(i).city();
  }
  return line + "]";
}

}  // namespace

int main() {
  auto [client, offline] = examples::connect("streaming_partial");
  const bool terminal = ::isatty(STDOUT_FILENO) != 0;
  std::string last;
  int partials = 0;
  auto start = std::chrono::steady_clock::now();
  auto user = client.create_partial<acme::User>(
      {.messages = {instructor::user("Ann Lee is 31. She lives at 5 Elm Road, Leeds, UK and works at "
                                     "200 Quay Street, Manchester, UK.")}},
      [&](const acme::User& partial, const instructor::Completeness&) {
        ++partials;
        std::string line = describe(partial);
        if (line == last) return;
        last = line;
        if (terminal) std::cout << "\r\033[K" << line << std::flush;
        else std::cout << "partial: " << line << "\n";
      });
  if (terminal) std::cout << "\n";
  if (!user) {
    std::cerr << user.error().to_text();
    return 1;
  }
  std::cout << "final: " << describe(*user) << " (" << partials << " partials)\n";
  std::cout << examples::usage_line(user.report(), std::chrono::steady_clock::now() - start) << "\n";
}
