#!/usr/bin/env python3
"""Runs one example in its offline mode and checks what it prints.

    run_example.py --binary PATH --expect FILE

The example runs with no provider keys, INSTRUCTOR_PROVIDER unset and
OLLAMA_HOST at a closed port, so it replays its cassette. It must exit 0,
its first line must say "offline replay of ...", and every line of FILE must
occur in its output, in that order (a line of FILE may be a substring of the
output line it matches).
"""
import argparse
import os
import socket
import subprocess
import sys


def closed_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # nothing listens once it is closed


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--expect", required=True)
    args = parser.parse_args()
    env = {k: v for k, v in os.environ.items()
           if not k.endswith("_API_KEY") and k not in ("INSTRUCTOR_PROVIDER", "INSTRUCTOR_RECORD", "OLLAMA_HOST")}
    env["OLLAMA_HOST"] = "127.0.0.1:%d" % closed_port()
    run = subprocess.run([args.binary], env=env, capture_output=True, text=True, timeout=100, stdin=subprocess.DEVNULL)
    print(run.stdout, end="")
    print(run.stderr, end="", file=sys.stderr)
    problems = []
    if run.returncode != 0:
        problems.append("exit status %d" % run.returncode)
    lines = run.stdout.splitlines()
    if not lines or not lines[0].startswith("offline replay of "):
        problems.append("the first line does not say \"offline replay of ...\"")
    with open(args.expect, encoding="utf-8") as f:
        expected = [line.rstrip("\n") for line in f if line.strip()]
    at = 0
    for want in expected:
        while at < len(lines) and want not in lines[at]:
            at += 1
        if at == len(lines):
            problems.append("missing (in this order): " + want)
            break
        at += 1
    for problem in problems:
        print("FAILED: " + problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
