// protoc-gen-instructor: a protoc plugin. Run as
//   protoc --plugin=protoc-gen-instructor=PATH --instructor_out=DIR -I ... foo.proto
#include <google/protobuf/compiler/plugin.h>

#include "generator.h"

int main(int argc, char* argv[]) {
  instructor::compiler::Generator generator;
  return google::protobuf::compiler::PluginMain(argc, argv, &generator);
}
