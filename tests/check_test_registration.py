#!/usr/bin/env python3
"""Checks that CTest runs every doctest case exactly once, and nothing else.

doctest_discover_tests registers one CTest test per doctest case, selected
with --test-case=<name>. A name CTest splits (at ';') or mangles becomes tests
that run no case and pass. For each binary this compares the cases it lists
(--list-test-cases) with the CTest tests whose command runs it: the same names
(with the binary's prefix), each once, each selecting its own case.
"""
import argparse
import collections
import json
import os
import subprocess
import sys

SEPARATOR = "=" * 79


def doctest_cases(binary):
    output = subprocess.run([binary, "--list-test-cases"], capture_output=True, text=True, check=True,
                            timeout=120).stdout
    return [line for line in output.splitlines()
            if line and line != SEPARATOR and not line.startswith("[doctest] ")]


def ctest_tests(ctest, build_dir):
    output = subprocess.run([ctest, "--show-only=json-v1"], cwd=build_dir, capture_output=True, text=True,
                            check=True, timeout=120).stdout
    return json.loads(output)["tests"]


def check_binary(binary, prefix, tests):
    problems = []
    cases = doctest_cases(binary)
    expected = collections.Counter(prefix + case for case in cases)
    mine = [t for t in tests if t.get("command") and os.path.realpath(t["command"][0]) == os.path.realpath(binary)]
    registered = collections.Counter(t["name"] for t in mine)
    name = os.path.basename(binary)
    for case, count in expected.items():
        if count > 1:
            problems.append(f"{name}: {count} doctest cases are named '{case}'")
    for test in sorted(registered - expected):
        problems.append(f"{name}: CTest test '{test}' is no doctest case of the binary (a name split at ';'?)")
    for case in sorted(expected - registered):
        problems.append(f"{name}: doctest case '{case}' is not registered as a CTest test")
    for test in mine:
        case = test["name"][len(prefix):]
        selector = "--test-case=" + case.replace(",", "\\,")
        if test["name"].startswith(prefix) and selector not in test["command"][1:]:
            problems.append(f"{name}: CTest test '{test['name']}' does not select its case with {selector}")
    return len(cases), len(mine), problems


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--ctest", required=True)
    parser.add_argument("--build-dir", required=True)
    parser.add_argument("--binary", action="append", default=[])
    parser.add_argument("--prefix", action="append", default=[])
    args = parser.parse_args()
    if len(args.binary) != len(args.prefix) or not args.binary:
        print("FAIL: give each --binary with its --prefix")
        return 1

    tests = ctest_tests(args.ctest, args.build_dir)
    problems = []
    total_cases = 0
    doctest_tests = 0
    for binary, prefix in zip(args.binary, args.prefix):
        if not os.path.exists(binary):
            problems.append(f"{binary}: not built")
            continue
        cases, registered, found = check_binary(binary, prefix, tests)
        total_cases += cases
        doctest_tests += registered
        problems += found
    for problem in problems:
        print("FAIL", problem)
    print(f"{len(args.binary)} doctest binaries, {total_cases} cases, {doctest_tests} CTest tests run them; "
          f"{len(tests) - doctest_tests} other CTest tests (scripts); {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
