#!/usr/bin/env python3
"""Checks generated schemas with an independent JSON Schema implementation.

Every <name>.schema.json in the given folders must be a valid JSON Schema
2020-12 document (checked against the official meta-schema). Each instance file
<full.message.name>.<case>.valid.json / .invalid.json in --instances must be
accepted / rejected by the schema of that message.
"""
import argparse
import json
import pathlib
import sys

import jsonschema


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("schema_dirs", nargs="+", type=pathlib.Path)
    parser.add_argument("--instances", type=pathlib.Path)
    args = parser.parse_args()

    schemas = {}
    failures = []
    for folder in args.schema_dirs:
        files = sorted(folder.glob("*.schema.json"))
        if not files:
            failures.append(f"{folder}: no .schema.json files")
        for path in files:
            schema = load(path)
            try:
                jsonschema.Draft202012Validator.check_schema(schema)
            except jsonschema.SchemaError as error:
                failures.append(f"{path.name}: not a valid 2020-12 schema: {error.message} at {list(error.path)}")
            schemas[path.name[: -len(".schema.json")]] = schema

    instance_count = 0
    if args.instances:
        for path in sorted(args.instances.glob("*.json")):
            parts = path.name.split(".")
            expectation = parts[-2]
            message = ".".join(parts[:-3])
            if message not in schemas:
                failures.append(f"{path.name}: no schema for {message}")
                continue
            validator = jsonschema.Draft202012Validator(
                schemas[message], format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
            errors = list(validator.iter_errors(load(path)))
            instance_count += 1
            if expectation == "valid" and errors:
                failures.append(f"{path.name}: rejected: {errors[0].message} at {list(errors[0].path)}")
            if expectation == "invalid" and not errors:
                failures.append(f"{path.name}: accepted, but it breaks a rule")

    for failure in failures:
        print("FAIL", failure)
    print(f"{len(schemas)} schemas, {instance_count} instances checked, {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
