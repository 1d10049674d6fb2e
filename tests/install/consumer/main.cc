// Uses the generated model and the installed library; prints what it sees.
#include <iostream>

#include "cooking/recipe.instructor.h"
#include "instructor/version.h"

int main() {
  cooking::Recipe recipe;
  recipe.set_name("Shakshuka");
  recipe.add_ingredients("eggs");
  using Traits = instructor::ModelTraits<cooking::Recipe>;
  std::cout << "instructor " << instructor::version() << "\n"
            << Traits::full_name << ": " << Traits::description << "\n"
            << "serialized bytes: " << recipe.SerializeAsString().size() << "\n"
            << Traits::json_schema << "\n";
  return Traits::json_schema.find("\"minItems\": 1") == std::string_view::npos ? 1 : 0;
}
