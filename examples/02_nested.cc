// Nested models: a User with a list of Address messages, each validated
// (the country must be a two-letter code).
#include <iostream>

#include "acme/user.instructor.h"
#include "common/connect.h"

int main() {
  auto [client, offline] = examples::connect("nested");
  auto user = client.create<acme::User>({
      .messages = {instructor::user("Maria Silva, 41, splits her time between Rua Augusta 100, Lisbon, Portugal "
                                    "and 12 Rue de Rivoli, Paris, France. Write to maria@silva.example.")},
      .max_retries = 2});
  if (!user) {
    std::cerr << user.error().to_text();
    return 1;
  }
  std::cout << user->name() << ", " << user->age() << ", " << user->email() << "\n";
  for (const acme::Address& address : user->addresses()) {
    std::cout << "  " << address.street() << ", " << address.city() << ", " << address.country() << "\n";
  }
}
