// Property: whole, byte by byte, or in random chunks, the same text gives the
// same message, repairs (with offsets), violations and error. Inputs: the
// corpus plus seeded random mutations of realistic answers. The generated
// classes (set through their generated field access) and DynamicMessages of
// the same types (set through reflection) give the same outcome too.
#include <doctest/doctest.h>

#include <random>
#include <string>
#include <vector>

#include "chunked_decode.h"
#include "corpus_reader.h"

namespace jsontest {
namespace {

struct Seed {
  const char* target;
  const char* text;
};

const Seed kSeeds[] = {
    {"User", R"({"name": "Ann Lee", "age": 31, "tags": ["a", "b"], "addresses": [{"city": "Paris", "zip_code": "75001"}],
       "priority": "high", "counts": {"x": 1}, "active": true, "score": 1.5e2, "nickname": null})"},
    {"User", "Sure!\n```json\n{'name': 'Bo', age: '7', \"tags\": \"solo\", /* c */ \"home\": {\"city\": \"Rome\",},}\n```\nDone"},
    {"User", R"({"name": "He said "hi" there", "numbers": [1 2 3], "priorities": ["LOW", 2, "urgent"]} trailing {"x": 1})"},
    // The long forms models use for code and prose.
    {"Snippet", "Here:\n```json\n{\"type\": \"code\", \"code\": ```ts main.ts\n  const x = {a: [1]};}]]\n  run(`${x}`);\n```,\n"
                "\"summary\": \"\"\"\n    Says \"hi\",\n      twice\n    \"\"\"}\n```\nDone."},
    {"Snippet", "{type: fix, summary: It **fixes** the leak, as \"promised\",\n  and more: really\n  code: `a = \"b\"\n"
                "c = 'd'` // end\n}"},
    // Well-formed runs the parser takes a token at a time, next to what it must read byte by byte.
    {"User", "{\"name\":\"A\\\"b\\\\c\\/d\\n\\u00e9\",\n\t\"age\":-0,\"score\":-1.5E+2,\"active\":false,\"nickname\":null,"
             "\"tags\":[],\"counts\":{},\r\n\"numbers\":[1,-2,3e1,truex,-Infinity,01,2.], \"home\":{\"city\":\"X\"}}"},
    {"Count", "  1214\n"},
    {"Tag", "\"he said \"hi\" and \\u00e9\""},
};

// One random edit: drop, duplicate or insert a troublesome byte, or cut the text.
std::string mutate(std::string text, std::mt19937& random) {
  static const std::string kTricky = "\"'{}[],:\\/#*` \n\tenulTF0.-x";
  const int edits = 1 + static_cast<int>(random() % 4);
  for (int i = 0; i < edits && !text.empty(); ++i) {
    std::size_t at = random() % text.size();
    switch (random() % 4) {
      case 0: text.erase(at, 1); break;
      case 1: text.insert(at, 1, kTricky[random() % kTricky.size()]); break;
      case 2: text.insert(at, 1, text[at]); break;
      default: text.resize(at); break;
    }
  }
  return text;
}

void check_same_in_any_chunking(const std::string& target, const std::string& text, std::mt19937& random) {
  INFO("input: ", text);
  const std::string whole = decode_in_chunks(target, text, 0).describe();
  CHECK(decode_in_chunks(target, text, 1).describe() == whole);
  CHECK(decode_in_chunks(target, text, 1 + random() % 16).describe() == whole);
  // Reflection (a DynamicMessage) and the generated field access agree.
  CHECK(decode_in_chunks(target, text, 1 + random() % 16, {}, Instance::dynamic).describe() == whole);
}

TEST_CASE("every corpus input gives the same outcome whole and byte by byte") {
  std::mt19937 random(7);
  const std::vector<CorpusCase> cases = read_corpus(JSON_CORPUS_DIR);
  REQUIRE(cases.size() >= 60);
  for (const CorpusCase& c : cases) check_same_in_any_chunking(c.target, c.input, random);
}

TEST_CASE("random mutations of realistic answers give the same outcome whole and in any chunks") {
  std::mt19937 random(20240501);
  for (const Seed& seed : kSeeds) {
    for (int i = 0; i < 150; ++i) check_same_in_any_chunking(seed.target, mutate(seed.text, random), random);
  }
}

}  // namespace
}  // namespace jsontest
