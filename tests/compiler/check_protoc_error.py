#!/usr/bin/env python3
"""Runs protoc with protoc-gen-instructor where it must fail with a given error.

By default the .proto names the error it must produce in a first-line comment:
    // expect: <text that protoc's error output must contain>
and the check passes when protoc exits with its failure status (1) and its
error output contains that text right after the file's name
("<file>.proto: <text>"), so every error says which file, message and field
it is about. With --parameter the plugin gets that parameter, and each
--expect gives a text the error output must contain instead.
"""
import argparse
import pathlib
import subprocess
import sys
import tempfile

PROTOC_FAILURE = 1  # protoc's exit status when a generator reports an error


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--protoc", required=True)
    parser.add_argument("--plugin", required=True)
    parser.add_argument("--parameter", default="", help="the plugin parameter, e.g. colour=blue")
    parser.add_argument("--expect", action="append",
                        help="a text the error output must contain (default: the first-line comment)")
    parser.add_argument("-I", dest="import_dirs", action="append", default=[])
    parser.add_argument("proto", type=pathlib.Path)
    args = parser.parse_args()

    if args.expect:
        expected_texts = args.expect
    else:
        first_line = args.proto.read_text(encoding="utf-8").splitlines()[0]
        prefix = "// expect: "
        if not first_line.startswith(prefix):
            print(f"{args.proto.name}: the first line must be '{prefix}<error text>'")
            return 1
        expected_texts = [f"{args.proto.name}: {first_line[len(prefix):]}"]
    expected = " ... ".join(expected_texts)

    with tempfile.TemporaryDirectory() as out:
        parameter = f"{args.parameter}:" if args.parameter else ""
        command = [args.protoc, f"--plugin=protoc-gen-instructor={args.plugin}", f"--instructor_out={parameter}{out}"]
        command += [f"-I{d}" for d in args.import_dirs] + [str(args.proto)]
        result = subprocess.run(command, capture_output=True, text=True, timeout=60)

    print(result.stderr, end="")
    if result.returncode == 0:
        print(f"FAIL {args.proto.name}: protoc accepted it; expected an error containing: {expected}")
        return 1
    if result.returncode != PROTOC_FAILURE:
        print(f"FAIL {args.proto.name}: protoc exited with {result.returncode}, not with its error status "
              f"{PROTOC_FAILURE} (a crash?)")
        return 1
    for text in expected_texts:
        if text not in result.stderr:
            print(f"FAIL {args.proto.name}: the error does not contain: {text}")
            return 1
    print(f"ok {args.proto.name}: refused with status {result.returncode} and the expected error")
    return 0


if __name__ == "__main__":
    sys.exit(main())
