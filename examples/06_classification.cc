// Classification: a support email into a ticket with a Priority enum, an
// escalation flag, the products named and who should answer.
#include <iostream>

#include "acme/support_ticket.instructor.h"
#include "common/connect.h"

int main() {
  auto [client, offline] = examples::connect("classification");
  auto ticket = client.create<acme::SupportTicket>({
      .messages = {instructor::system("Classify the customer's email into a support ticket. Billing questions go to "
                                      "the team \"billing\", outages to \"oncall\"."),
                   instructor::user("Subject: everything is down\n\nSince 9:00 this morning neither CloudSync nor "
                                    "the Admin Console load for any of our 400 users. If this is not fixed today "
                                    "we will cancel our contract.")},
      .max_retries = 2});
  if (!ticket) {
    std::cerr << ticket.error().to_text();
    return 1;
  }
  std::cout << "title: " << ticket->title() << "\n";
  std::cout << "priority: " << acme::Priority_Name(ticket->priority()) << "\n";
  std::cout << "escalate: " << (ticket->escalate() ? "yes" : "no") << "\n";
  std::cout << "products:";
  for (const std::string& product : ticket->products()) std::cout << " [" << product << "]";
  std::cout << "\nassignee: " << (ticket->has_team() ? "team " + ticket->team() : ticket->person_email()) << "\n";
}
