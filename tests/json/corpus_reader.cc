#include "corpus_reader.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace jsontest {
namespace {

bool starts_with(const std::string& text, const char* prefix) { return text.rfind(prefix, 0) == 0; }

std::vector<std::string> nonempty_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) lines.push_back(line);
  }
  return lines;
}

void store_section(CorpusCase& c, const std::string& section, std::string body) {
  if (section == "input") {
    if (!body.empty() && body.back() == '\n') body.pop_back();
    c.input = body;
    return;
  }
  while (!body.empty() && body.back() == '\n') body.pop_back();
  if (section == "message") c.message = body;
  else if (section == "repairs") c.repairs = nonempty_lines(body);
  else if (section == "violations") c.violations = nonempty_lines(body);
  else if (section == "error") c.error = body;
  else throw std::runtime_error(c.file + ":" + std::to_string(c.line) + ": unknown section " + section);
}

void read_file(const std::filesystem::path& path, std::vector<CorpusCase>& out) {
  std::ifstream in(path, std::ios::binary);
  std::string line;
  int number = 0;
  CorpusCase* current = nullptr;
  std::string section;
  std::string body;
  auto flush = [&] {
    if (current != nullptr && !section.empty()) store_section(*current, section, body);
    section.clear();
    body.clear();
  };
  while (std::getline(in, line)) {
    ++number;
    if (starts_with(line, "=== ")) {
      flush();
      current = &out.emplace_back();
      current->file = path.filename().string();
      current->line = number;
      current->name = line.substr(4);
    } else if (current != nullptr && starts_with(line, "--- ")) {
      flush();
      section = line.substr(4);
    } else if (current != nullptr && section.empty() && starts_with(line, "target: ")) {
      current->target = line.substr(8);
    } else if (!section.empty()) {
      body += line;
      body += '\n';
    }
  }
  flush();
}

}  // namespace

std::vector<CorpusCase> read_corpus(const std::string& directory) {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(directory)) {
    if (entry.path().extension() == ".cases") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<CorpusCase> cases;
  for (const auto& file : files) read_file(file, cases);
  return cases;
}

}  // namespace jsontest
