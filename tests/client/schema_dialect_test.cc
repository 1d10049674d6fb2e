// The schema each provider mode is sent, as golden files: a diff shows what a
// change did to it. INSTRUCTOR_UPDATE_GOLDEN=1 rewrites them (scripts/update-golden).
#include <doctest/doctest.h>
#include <rapidjson/document.h>
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "clienttest/models.instructor.h"
#include "golden/everything.instructor.h"
#include "instructor/schema.h"

using namespace instructor;

namespace {

std::string pretty(const std::string& compact) {
  rapidjson::Document doc;
  doc.Parse(compact.c_str());
  REQUIRE_MESSAGE(!doc.HasParseError(), compact);
  rapidjson::StringBuffer buffer;
  rapidjson::PrettyWriter<rapidjson::StringBuffer> writer(buffer);
  writer.SetIndent(' ', 2);
  doc.Accept(writer);
  return std::string(buffer.GetString(), buffer.GetSize()) + "\n";
}

void check_golden(const std::string& name, const std::string& compact) {
  const std::string path = std::string(INSTRUCTOR_CLIENT_GOLDEN_DIR) + "/" + name;
  const std::string actual = pretty(compact);
  if (std::getenv("INSTRUCTOR_UPDATE_GOLDEN")) {
    std::ofstream(path) << actual;
    return;
  }
  std::ifstream in(path);
  REQUIRE_MESSAGE(in, "missing golden file " << path << " (INSTRUCTOR_UPDATE_GOLDEN=1 writes it)");
  std::stringstream expected;
  expected << in.rdbuf();
  CHECK_MESSAGE(expected.str() == actual, path << " differs; the schema now is:\n" << actual);
}

template <ResponseModel T>
std::string strict_of(SchemaDialect dialect = SchemaDialect::openai_strict) {
  DialectSchema schema = dialect_schema<T>(dialect);
  REQUIRE_MESSAGE(schema.ok(), schema.error);
  return *schema.json;
}

}  // namespace

TEST_CASE("OpenAI strict dialect: every property required, optional ones nullable, refused keywords in words") {
  check_golden("clienttest.Person.openai_strict.json", strict_of<clienttest::Person>());
  check_golden("clienttest.Inventory.openai_strict.json", strict_of<clienttest::Inventory>());
  check_golden("golden.Rules.openai_strict.json", strict_of<golden::Rules>());
  check_golden("golden.Tree.openai_strict.json", strict_of<golden::Tree>());
}

TEST_CASE("the strict dialect is computed once per type") {
  DialectSchema first = dialect_schema<clienttest::Inventory>(SchemaDialect::openai_strict);
  DialectSchema second = dialect_schema<clienttest::Inventory>(SchemaDialect::openai_strict);
  CHECK(first.json.get() == second.json.get());
}

TEST_CASE("a free-form Struct, Value or ListValue cannot be strict: a clear error naming the field") {
  DialectSchema schema = dialect_schema<golden::Everything>(SchemaDialect::openai_strict);
  REQUIRE(!schema.ok());
  CHECK(schema.error ==
        "golden.Everything.attributes: a free-form object (google.protobuf.Struct) cannot be written in OpenAI's "
        "strict schema subset; use mode TOOLS or JSON for this model");
}

TEST_CASE("Anthropic structured-output dialect: required as generated, no bounds or lengths, maps as entry lists") {
  constexpr SchemaDialect kAnthropic = SchemaDialect::anthropic_strict;
  check_golden("clienttest.Person.anthropic_strict.json", strict_of<clienttest::Person>(kAnthropic));
  check_golden("clienttest.Inventory.anthropic_strict.json", strict_of<clienttest::Inventory>(kAnthropic));
  check_golden("golden.Scalars.anthropic_strict.json", strict_of<golden::Scalars>(kAnthropic));
  const std::string person = strict_of<clienttest::Person>(kAnthropic);
  CHECK(person.find("maximum") == std::string::npos);
  CHECK(person.find("minLength") == std::string::npos);
  CHECK(person.find(R"("additionalProperties":false)") != std::string::npos);
}

TEST_CASE("Anthropic's dialect refuses a recursive message and a free-form Struct, naming the field") {
  DialectSchema tree = dialect_schema<golden::Tree>(SchemaDialect::anthropic_strict);
  REQUIRE(!tree.ok());
  CHECK(tree.error ==
        "golden.Tree.children[]: a message that contains itself (a recursive schema) cannot be written in Anthropic's "
        "structured output schema subset; use mode TOOLS or JSON for this model");
  DialectSchema rules = dialect_schema<golden::Rules>(SchemaDialect::anthropic_strict);
  REQUIRE(!rules.ok());
  CHECK(rules.error.find("golden.Rules.tree.children[]: a message that contains itself") == 0);
  DialectSchema everything = dialect_schema<golden::Everything>(SchemaDialect::anthropic_strict);
  REQUIRE(!everything.ok());
  CHECK(everything.error.find("cannot be written in Anthropic's structured output schema subset") != std::string::npos);
}

TEST_CASE("the plain dialect is the generated schema, compact, without $schema") {
  DialectSchema plain = dialect_schema<clienttest::Person>(SchemaDialect::plain);
  REQUIRE(plain.ok());
  CHECK(plain.json->find("$schema") == std::string::npos);
  CHECK(plain.json->find('\n') == std::string::npos);
  CHECK(pretty(*plain.json).find(R"("minLength": 1)") != std::string::npos);
}

TEST_CASE("the list schema of an iterable puts the item under $defs, its root references following it") {
  auto list = list_schema("golden.Tree", "Tree", ModelTraits<golden::Tree>::json_schema);
  check_golden("golden.Tree.list.json", *list);
  CHECK(list->find(R"("$ref":"#")") == std::string::npos);
}

TEST_CASE("tool and schema names keep to what the APIs accept") {
  CHECK(api_name("Person") == "Person");
  CHECK(api_name("Everything at once") == "Everything_at_once");
  CHECK(api_name("a.b/c") == "a_b_c");
  CHECK(api_name(std::string(80, 'x')).size() == 64);
  CHECK(api_name("") == "response");
}
