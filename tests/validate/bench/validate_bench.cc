// How fast generated validators check a realistic message: the example User
// (examples/proto/acme/user.proto) with 10 addresses, every field valid, so every
// rule runs to the end. Prints messages/s, ns per message and ns per field check.
//
//   build/default/tests/validate/validate_bench [seconds]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "instructor/presence.h"
#include "instructor/validate.h"
#include "acme/user.instructor.h"

namespace {

acme::User RealisticUser() {
  acme::User user;
  user.set_name("Dr. Ada Lovelace-Byron");
  user.set_age(36);
  user.set_email("ada.lovelace@analytical-engines.example.org");
  for (int i = 0; i < 10; ++i) {
    acme::Address* address = user.add_addresses();
    address->set_street(std::to_string(10 + i) + " St James's Square");
    address->set_city(i % 2 == 0 ? "London" : "Zürich");
    address->set_country(i % 2 == 0 ? "GB" : "CH");
  }
  return user;
}

// Marks every field of the user and its addresses as supplied, as the mapper would.
instructor::Presence FullPresence(const acme::User& user) {
  instructor::Presence presence;
  for (int number = 1; number <= 4; ++number) presence.mark_supplied(user, number);
  for (const auto& address : user.addresses()) {
    for (int number = 1; number <= 3; ++number) presence.mark_supplied(address, number);
  }
  return presence;
}

// The fields one validation checks: 4 of the user, 3 of each address.
int FieldChecks(const acme::User& user) { return 4 + 3 * user.addresses_size(); }

void Run(const char* label, const acme::User& user, const instructor::ValidateOptions& options, double seconds) {
  using Clock = std::chrono::steady_clock;
  long long messages = 0;
  std::size_t violations = 0;
  const auto start = Clock::now();
  const auto deadline = start + std::chrono::duration<double>(seconds);
  while (Clock::now() < deadline) {
    for (int i = 0; i < 1000; ++i) violations += instructor::validate(user, options).size();
    messages += 1000;
  }
  const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  const double ns_per_message = elapsed * 1e9 / static_cast<double>(messages);
  std::printf("%-26s %12.0f messages/s  %8.0f ns/message  %6.1f ns/field check  (%d field checks, %zu violations)\n",
              label, static_cast<double>(messages) / elapsed, ns_per_message, ns_per_message / FieldChecks(user),
              FieldChecks(user), violations);
}

}  // namespace

int main(int argc, char** argv) {
  const double seconds = argc > 1 ? std::atof(argv[1]) : 2.0;
  const acme::User user = RealisticUser();
  if (!instructor::validate(user).empty()) {
    std::fprintf(stderr, "the benchmark user is not valid:\n%s", instructor::validate(user).to_text().c_str());
    return 1;
  }
  const instructor::Presence presence = FullPresence(user);
  Run("without presence record", user, {}, seconds);
  Run("with presence record", user, {.presence = &presence}, seconds);
  return 0;
}
