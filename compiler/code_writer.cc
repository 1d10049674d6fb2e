#include "code_writer.h"

namespace instructor::compiler {

void CodeWriter::Line(std::string_view line) {
  if (!line.empty()) text_.append(static_cast<std::size_t>(depth_) * 2, ' ');
  text_ += line;
  text_ += '\n';
}

void CodeWriter::Open(std::string_view line) {
  Line(line);
  ++depth_;
}

void CodeWriter::Continue(std::string_view line) {
  --depth_;
  Line(line);
  ++depth_;
}

void CodeWriter::Close(std::string_view line) {
  --depth_;
  Line(line);
}

}  // namespace instructor::compiler
