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

namespace {

template <ResponseModel T>
void check_dialect_golden(SchemaDialect dialect, std::string_view dialect_name) {
  check_golden(std::string(ModelTraits<T>::full_name) + "." + std::string(dialect_name) + ".json", strict_of<T>(dialect));
}

// The dialect of a hand-written schema (cached under `name`: each test its own name).
DialectSchema dialect_of(std::string_view name, const std::string& schema, SchemaDialect dialect) {
  return dialect_schema(name, schema, dialect);
}

// {"type":"object","properties":{"f0":{...},...}} with `count` string properties, the first `required` of them required.
std::string object_with_properties(int count, int required, std::string_view property = R"({"type":"string"})") {
  std::string properties;
  std::string names;
  for (int i = 0; i < count; ++i) {
    properties += (i ? "," : "") + std::string("\"f") + std::to_string(i) + "\":" + std::string(property);
    if (i < required) names += (i ? "," : "") + std::string("\"f") + std::to_string(i) + "\"";
  }
  return R"({"type":"object","properties":{)" + properties + R"(},"required":[)" + names + "]}";
}

}  // namespace

TEST_CASE("Gemini JSON Schema dialect: types, enums, bounds and $refs kept, lengths, patterns and key rules in words") {
  constexpr SchemaDialect kGemini = SchemaDialect::gemini;
  check_dialect_golden<clienttest::Person>(kGemini, "gemini");
  check_dialect_golden<clienttest::Inventory>(kGemini, "gemini");
  check_dialect_golden<golden::Rules>(kGemini, "gemini");
  check_dialect_golden<golden::Tree>(kGemini, "gemini");
  check_dialect_golden<golden::Scalars>(kGemini, "gemini");
  const std::string rules = strict_of<golden::Rules>(kGemini);
  for (const char* moved : {"minLength", "maxLength", "\"pattern\":\"", "exclusiveMinimum", "uniqueItems", "propertyNames",
                            "contentEncoding", "\"examples\":", "\"const\":", "\"format\":\"email\""}) {
    CHECK_MESSAGE(rules.find(moved) == std::string::npos, moved);
  }
  CHECK(rules.find(R"("format":"date-time")") != std::string::npos);
  CHECK(rules.find(R"("minimum":-5,"maximum":5)") != std::string::npos);
  CHECK(rules.find(R"("enum":["fixed"])") != std::string::npos);
  CHECK(rules.find("Must match the regular expression \\\"^[a-z]+$\\\".") != std::string::npos);
  CHECK(rules.find("Keys must match the regular expression") != std::string::npos);
  CHECK(strict_of<golden::Tree>(kGemini).find(R"("$ref":"#")") != std::string::npos);
}

TEST_CASE("Gemini OpenAPI dialect: upper-case types, nullable, propertyOrdering, maps as entries, refs inlined") {
  constexpr SchemaDialect kOpenApi = SchemaDialect::gemini_openapi;
  check_dialect_golden<clienttest::Person>(kOpenApi, "gemini_openapi");
  check_dialect_golden<clienttest::Inventory>(kOpenApi, "gemini_openapi");
  check_dialect_golden<golden::Scalars>(kOpenApi, "gemini_openapi");
  const std::string inventory = strict_of<clienttest::Inventory>(kOpenApi);
  CHECK(inventory.find("$ref") == std::string::npos);
  CHECK(inventory.find("additionalProperties") == std::string::npos);
  CHECK(inventory.find(R"("type":"OBJECT")") != std::string::npos);
  CHECK(inventory.find(R"("propertyOrdering":["stock","note","owner","tags"])") != std::string::npos);
}

TEST_CASE("Gemini OpenAPI dialect: a nullable type, a string const, an integer enum and a date format") {
  const std::string schema =
      R"({"type":"object","properties":{"maybe":{"type":["integer","null"]},"fixed":{"type":"string","const":"x"},)"
      R"("level":{"type":"integer","enum":[1,2,3]},"day":{"type":"string","format":"date"},)"
      R"("when":{"type":"string","format":"date-time"}},"required":["maybe"]})";
  DialectSchema openapi = dialect_of("test.OpenApiScalars", schema, SchemaDialect::gemini_openapi);
  REQUIRE_MESSAGE(openapi.ok(), openapi.error);
  CHECK(*openapi.json ==
        R"({"type":"OBJECT","properties":{"maybe":{"type":"INTEGER","nullable":true},)"
        R"("fixed":{"type":"STRING","enum":["x"]},"level":{"type":"INTEGER","description":"One of: 1, 2, 3."},)"
        R"("day":{"type":"STRING","description":"Format: date."},"when":{"type":"STRING","format":"date-time"}},)"
        R"("required":["maybe"],"propertyOrdering":["maybe","fixed","level","day","when"]})");
}

TEST_CASE("Gemini OpenAPI dialect refuses recursion, naming the field and pointing at responseJsonSchema") {
  DialectSchema tree = dialect_schema<golden::Tree>(SchemaDialect::gemini_openapi);
  REQUIRE(!tree.ok());
  CHECK(tree.error ==
        "golden.Tree.children[]: a message that contains itself (a recursive schema) cannot be written in Gemini's "
        "responseSchema (an OpenAPI subset, which has no references); leave ClientOptions::gemini_openapi_schema off "
        "to send responseJsonSchema");
  DialectSchema rules = dialect_schema<golden::Rules>(SchemaDialect::gemini_openapi);
  REQUIRE(!rules.ok());
  CHECK(rules.error.find("golden.Rules.tree.children[]: a message that contains itself") == 0);
  DialectSchema everything = dialect_schema<golden::Everything>(SchemaDialect::gemini_openapi);
  REQUIRE(!everything.ok());
  CHECK(everything.error.find("golden.Everything.") == 0);
}

TEST_CASE("Gemini OpenAPI dialect refuses a free-form Struct and a Value, naming the field") {
  DialectSchema structure = dialect_of("test.WithStruct",
                                       R"({"type":"object","properties":{"attributes":{"type":"object"}}})",
                                       SchemaDialect::gemini_openapi);
  REQUIRE(!structure.ok());
  CHECK(structure.error.find("test.WithStruct.attributes: a free-form object (google.protobuf.Struct) cannot be "
                             "written in Gemini's responseSchema") == 0);
  DialectSchema value = dialect_of("test.WithValue", R"({"type":"object","properties":{"anything":{}}})",
                                   SchemaDialect::gemini_openapi);
  REQUIRE(!value.ok());
  CHECK(value.error.find("test.WithValue.anything: a value of any type") == 0);
}

TEST_CASE("Ollama dialect: what llama.cpp's grammar enforces kept, the rest in words, root references under $defs") {
  constexpr SchemaDialect kOllama = SchemaDialect::ollama;
  check_dialect_golden<clienttest::Person>(kOllama, "ollama");
  check_dialect_golden<clienttest::Inventory>(kOllama, "ollama");
  check_dialect_golden<golden::Rules>(kOllama, "ollama");
  check_dialect_golden<golden::Tree>(kOllama, "ollama");
  check_dialect_golden<golden::Scalars>(kOllama, "ollama");
  const std::string tree = strict_of<golden::Tree>(kOllama);
  CHECK(tree.find(R"("$ref":"#")") == std::string::npos);
  CHECK(tree.find(R"("$ref":"#/$defs/golden.Tree")") != std::string::npos);
  const std::string rules = strict_of<golden::Rules>(kOllama);
  CHECK(rules.find(R"("minLength":1,"maxLength":10)") != std::string::npos);
  CHECK(rules.find(R"("pattern":"^[a-z]+$")") != std::string::npos);
  CHECK(rules.find(R"("exclusiveMinimum":0,"exclusiveMaximum":10)") != std::string::npos);
  CHECK(rules.find(R"("const":"fixed")") != std::string::npos);
  CHECK(rules.find("\"format\":\"email\"") == std::string::npos);
  CHECK(rules.find("uniqueItems") == std::string::npos);
  CHECK(rules.find("Greater than 0.0.") != std::string::npos);  // a number's bound: the grammar has none
}

TEST_CASE("Ollama dialect: a pattern without both anchors goes into words (llama.cpp refuses it)") {
  DialectSchema schema = dialect_of("test.Unanchored",
                                    R"({"type":"object","properties":{"code":{"type":"string","pattern":"[A-Z]{3}"}}})",
                                    SchemaDialect::ollama);
  REQUIRE_MESSAGE(schema.ok(), schema.error);
  CHECK(*schema.json ==
        R"({"type":"object","properties":{"code":{"type":"string","description":"Must match the regular expression \"[A-Z]{3}\"."}}})");
}

TEST_CASE("OpenAI strict limits: more than 10 levels of nested objects, naming the deepest field") {
  std::string schema = R"({"type":"object","properties":{"leaf":{"type":"string"}}})";
  for (int level = 0; level < 10; ++level) schema = R"({"type":"object","properties":{"next":)" + schema + "}}";
  DialectSchema deep = dialect_of("test.Deep", schema, SchemaDialect::openai_strict);
  REQUIRE(!deep.ok());
  CHECK(deep.error ==
        "test.Deep.next.next.next.next.next.next.next.next.next.next: 11 levels of nested objects, more than the 10 "
        "allowed (OpenAI's structured outputs); make the model smaller or use mode TOOLS or JSON");
  std::string ten = R"({"type":"object","properties":{"leaf":{"type":"string"}}})";
  for (int level = 0; level < 9; ++level) ten = R"({"type":"object","properties":{"next":)" + ten + "}}";
  CHECK(dialect_of("test.TenDeep", ten, SchemaDialect::openai_strict).ok());
}

TEST_CASE("OpenAI strict limits: 5000 properties in all, 1000 enum values in all, a large enum's 15,000 characters") {
  DialectSchema wide = dialect_of("test.Wide", object_with_properties(5001, 0), SchemaDialect::openai_strict);
  REQUIRE(!wide.ok());
  CHECK(wide.error.find("test.Wide.f5000: more than 5000 object properties in all (OpenAI's structured outputs)") == 0);
  CHECK(dialect_of("test.WideEnough", object_with_properties(5000, 0), SchemaDialect::openai_strict).ok());

  std::string values;
  for (int i = 0; i < 501; ++i) values += (i ? "," : "") + std::string("\"v") + std::to_string(i) + "\"";
  const std::string two_enums = object_with_properties(2, 2, R"({"type":"string","enum":[)" + values + "]}");
  DialectSchema enums = dialect_of("test.Enums", two_enums, SchemaDialect::openai_strict);
  REQUIRE(!enums.ok());
  CHECK(enums.error.find("test.Enums.f1: more than 1000 enum values in all") == 0);

  std::string long_values;
  for (int i = 0; i < 251; ++i) long_values += (i ? "," : "") + std::string("\"") + std::string(60, 'a') + std::to_string(i) + "\"";
  const std::string long_enum = object_with_properties(1, 1, R"({"type":"string","enum":[)" + long_values + "]}");
  DialectSchema large = dialect_of("test.LargeEnum", long_enum, SchemaDialect::openai_strict);
  REQUIRE(!large.ok());
  CHECK(large.error.find("test.LargeEnum.f0: an enum of 251 values with") == 0);
  CHECK(large.error.find("more than 15000 for an enum of over 250 values") != std::string::npos);
}

TEST_CASE("OpenAI strict limits: 120,000 characters of names and enum values in all") {
  const std::string name(30000, 'n');
  std::string schema = R"({"type":"object","properties":{)";
  for (int i = 0; i < 5; ++i) schema += (i ? "," : "") + std::string("\"") + name + std::to_string(i) + R"(":{"type":"string"})";
  schema += "}}";
  DialectSchema names = dialect_of("test.LongNames", schema, SchemaDialect::openai_strict);
  REQUIRE(!names.ok());
  CHECK(names.error.find("test.LongNames: more than 120000 characters of property names") == 0);
}

TEST_CASE("Anthropic limits: 24 optional properties and 16 union-typed properties in all, naming the field") {
  DialectSchema optional = dialect_of("test.ManyOptional", object_with_properties(25, 0), SchemaDialect::anthropic_strict);
  REQUIRE(!optional.ok());
  CHECK(optional.error ==
        "test.ManyOptional.f24: more than 24 optional properties in all (Anthropic's structured outputs); make the "
        "model smaller or use mode TOOLS or JSON");
  CHECK(dialect_of("test.FewOptional", object_with_properties(30, 6), SchemaDialect::anthropic_strict).ok());
  DialectSchema unions = dialect_of("test.ManyUnions", object_with_properties(17, 17, R"({"type":["string","null"]})"),
                                    SchemaDialect::anthropic_strict);
  REQUIRE(!unions.ok());
  CHECK(unions.error.find("test.ManyUnions.f16: more than 16 properties with union types") == 0);
}

TEST_CASE("Gemini's JSON Schema and Ollama's dialects accept every generated schema, free-form values included") {
  for (SchemaDialect dialect : {SchemaDialect::gemini, SchemaDialect::ollama}) {
    DialectSchema everything = dialect_schema<golden::Everything>(dialect);
    REQUIRE_MESSAGE(everything.ok(), everything.error);
    CHECK(everything.json->find(R"("attributes":{"type":"object"})") != std::string::npos);
    CHECK(everything.json->find(R"("anything":{})") != std::string::npos);
  }
  const std::string ollama = *dialect_schema<golden::Everything>(SchemaDialect::ollama).json;
  CHECK(ollama.find(R"("$ref":"#")") == std::string::npos);
  CHECK(ollama.find(R"("$ref":"#/$defs/golden.Everything")") != std::string::npos);
}
