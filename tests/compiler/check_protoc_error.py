#!/usr/bin/env python3
"""Runs protoc with protoc-gen-instructor on a .proto that must be refused.

The .proto names the error it must produce in a first-line comment:
    // expect: <text that protoc's error output must contain>
The check passes when protoc fails and its error output contains that text
right after the file's name ("<file>.proto: <text>"), so every error says
which file, message and field it is about.
"""
import argparse
import pathlib
import subprocess
import sys
import tempfile


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--protoc", required=True)
    parser.add_argument("--plugin", required=True)
    parser.add_argument("-I", dest="import_dirs", action="append", default=[])
    parser.add_argument("proto", type=pathlib.Path)
    args = parser.parse_args()

    first_line = args.proto.read_text(encoding="utf-8").splitlines()[0]
    prefix = "// expect: "
    if not first_line.startswith(prefix):
        print(f"{args.proto.name}: the first line must be '{prefix}<error text>'")
        return 1
    expected = f"{args.proto.name}: {first_line[len(prefix):]}"

    with tempfile.TemporaryDirectory() as out:
        command = [args.protoc, f"--plugin=protoc-gen-instructor={args.plugin}", f"--instructor_out={out}"]
        command += [f"-I{d}" for d in args.import_dirs] + [str(args.proto)]
        result = subprocess.run(command, capture_output=True, text=True, timeout=60)

    print(result.stderr, end="")
    if result.returncode == 0:
        print(f"FAIL {args.proto.name}: protoc accepted it; expected an error containing: {expected}")
        return 1
    if expected not in result.stderr:
        print(f"FAIL {args.proto.name}: the error does not contain: {expected}")
        return 1
    print(f"ok {args.proto.name}: refused with the expected error")
    return 0


if __name__ == "__main__":
    sys.exit(main())
