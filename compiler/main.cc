#include <google/protobuf/compiler/plugin.h>
int main(int argc, char** argv) { return 0; }
