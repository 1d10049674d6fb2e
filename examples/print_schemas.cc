// Prints the JSON Schema of each example model, straight from the constants
// protoc-gen-instructor compiled into the program.
#include <iostream>

#include "acme/support_ticket.instructor.h"
#include "acme/user.instructor.h"

template <instructor::ResponseModel Model>
void PrintSchema() {
  using Traits = instructor::ModelTraits<Model>;
  std::cout << "== " << Traits::full_name << ": " << Traits::description << "\n"
            << instructor::json_schema_of<Model>() << "\n\n";
}

int main() {
  PrintSchema<acme::User>();
  PrintSchema<acme::Address>();
  PrintSchema<acme::SupportTicket>();
}
