// Validation and retries: a rule the .proto cannot say (the email must be all
// lower case) as a C++ validator. When the model's answer breaks it, the
// library asks again with the exact violation; the hooks show the re-ask.
#include <algorithm>
#include <cctype>
#include <iostream>

#include "acme/contact.instructor.h"
#include "common/connect.h"

int main() {
  instructor::ClientOptions options;
  options.hooks.on_violations = [](const instructor::ViolationsEvent& event) {
    std::cout << "attempt " << event.attempt << " was invalid:\n" << event.violations.to_text();
  };
  options.hooks.on_reask = [](const instructor::ReaskEvent& event) {
    std::cout << "re-asking (attempt " << event.attempt << ") with:\n";
    std::string_view rest = event.feedback;
    while (!rest.empty()) {  // the feedback, indented
      std::size_t end = rest.find('\n');
      std::cout << "  | " << rest.substr(0, end) << "\n";
      rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
    }
  };
  auto [client, offline] = examples::connect("validation_retries", options);

  auto validators = std::make_shared<instructor::CustomValidators>();
  validators->add<acme::Contact>([](const acme::Contact& contact, instructor::ViolationSink& sink) {
    const std::string& email = contact.email();
    if (std::any_of(email.begin(), email.end(), [](unsigned char c) { return std::isupper(c) != 0; })) {
      sink.report_at("email", "contact.lowercase", "must be all lower case");
    }
  });

  auto start = std::chrono::steady_clock::now();
  auto contact = client.create<acme::Contact>({
      .messages = {instructor::user("Best regards,\nJane Doe\nHead of Procurement, Globex\nJane.Doe@Globex.example")},
      .max_retries = 3,
      .validators = validators});
  if (!contact) {
    std::cerr << contact.error().to_text();
    return 1;
  }
  std::cout << "valid: " << contact->name() << " <" << contact->email() << ">, " << contact->company() << "\n";
  std::cout << examples::usage_line(contact.report(), std::chrono::steady_clock::now() - start) << "\n";
}
