// The quickstart: a User (name, age) out of one sentence.
#include <iostream>

#include "acme/user.instructor.h"
#include "common/connect.h"

int main() {
  auto [client, offline] = examples::connect("quickstart");
  auto start = std::chrono::steady_clock::now();
  auto user = client.create<acme::User>({
      .messages = {instructor::user("John is 25, lives at 123 Main St, NYC, USA")},
      .max_retries = 3});
  if (!user) {
    std::cerr << user.error().to_text();  // every attempt, its output, its violations
    return 1;
  }
  std::cout << user->name() << " " << user->age() << "\n";
  std::cout << examples::usage_line(user.report(), std::chrono::steady_clock::now() - start) << "\n";
}
