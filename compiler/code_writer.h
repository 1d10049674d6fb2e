// Builds generated C++ line by line with two-space indentation.
#pragma once

#include <string>
#include <string_view>

namespace instructor::compiler {

class CodeWriter {
 public:
  // Writes `line` at the current indentation (an empty line stays empty).
  void Line(std::string_view line);
  // Writes `line` (which ends with "{") and indents what follows.
  void Open(std::string_view line);
  // Writes `line` one level out, between two indented blocks ("} else {").
  void Continue(std::string_view line);
  // Outdents and writes `line` (which starts with "}").
  void Close(std::string_view line = "}");

  const std::string& text() const { return text_; }

 private:
  std::string text_;
  int depth_ = 0;
};

}  // namespace instructor::compiler
