// Iterables: a list of users, each handed out as soon as it is complete and
// valid, while the rest of the answer is still streaming.
#include <iostream>

#include "acme/user.instructor.h"
#include "common/connect.h"

int main() {
  auto [client, offline] = examples::connect("iterable");
  int n = 0;
  auto users = client.create_iterable<acme::User>(
      {.messages = {instructor::user("Attendees: Priya (34), Tom (29) and Keiko, who turned 52 last week.")}},
      [&](acme::User&& user) { std::cout << "user " << ++n << ": " << user.name() << ", " << user.age() << "\n"; });
  if (!users) {
    std::cerr << users.error().to_text();
    return 1;
  }
  std::cout << users->size() << " users\n";
}
