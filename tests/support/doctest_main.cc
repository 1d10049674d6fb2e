// The main() of every doctest binary: runs its cases, fails a run of none.
#include "doctest_runner.h"

int main(int argc, char** argv) { return instructor::testing::run_doctest(argc, argv); }
