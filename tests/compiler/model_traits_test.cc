// The generated header gives compile-time access to each message's schema,
// name and description through instructor::ModelTraits.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>

#include <google/protobuf/timestamp.pb.h>

#include "golden/everything.instructor.h"
#include "golden/shared.instructor.h"

namespace {

using instructor::ModelTraits;

static_assert(instructor::ResponseModel<golden::Everything>);
static_assert(instructor::ResponseModel<golden::Everything_Inner>);
static_assert(instructor::ResponseModel<golden::shared::Location>);
static_assert(!instructor::ResponseModel<int>);
static_assert(!instructor::ResponseModel<google::protobuf::Timestamp>);

static_assert(ModelTraits<golden::Everything>::full_name == "golden.Everything");
static_assert(ModelTraits<golden::Everything>::title == "Everything at once");
static_assert(ModelTraits<golden::Everything_Inner>::full_name == "golden.Everything.Inner");
static_assert(ModelTraits<golden::Everything_Inner>::description == "A message declared inside another.");
static_assert(ModelTraits<golden::Tree>::description == "A tree of labels: a message that contains itself.");
static_assert(instructor::json_schema_of<golden::Tree>().starts_with("{\n  \"$schema\""));

std::string ReadGolden(std::string_view full_name) {
  std::ifstream file(std::string(GOLDEN_SCHEMA_DIR) + "/" + std::string(full_name) + ".schema.json");
  REQUIRE_MESSAGE(file.good(), "missing golden schema for ", full_name);
  std::stringstream content;
  content << file.rdbuf();
  return content.str();
}

template <typename Message>
void CheckSchemaConstantMatchesFile() {
  using Traits = ModelTraits<Message>;
  CAPTURE(Traits::full_name);
  CHECK(std::string(Traits::json_schema) + "\n" == ReadGolden(Traits::full_name));
}

}  // namespace

TEST_CASE("the schema constant in the header is the .schema.json file, byte for byte") {
  CheckSchemaConstantMatchesFile<golden::Scalars>();
  CheckSchemaConstantMatchesFile<golden::Tree>();
  CheckSchemaConstantMatchesFile<golden::Everything>();
  CheckSchemaConstantMatchesFile<golden::Everything_Inner>();
  CheckSchemaConstantMatchesFile<golden::Rules>();
  CheckSchemaConstantMatchesFile<golden::shared::Location>();
}

TEST_CASE("a message's description comes from its option, else its comment") {
  CHECK(ModelTraits<golden::Everything>::description == "Every kind of field, for the golden test.");
  CHECK(ModelTraits<golden::shared::Location>::description == "A place on Earth.");
  CHECK(ModelTraits<golden::Rules>::description == "Every rule, with the keyword or the words it becomes.");
}

TEST_CASE("a message's title is its name unless the option sets one") {
  CHECK(ModelTraits<golden::Everything_Inner>::title == "Inner");
  CHECK(ModelTraits<golden::Scalars>::title == "Scalars");
}
