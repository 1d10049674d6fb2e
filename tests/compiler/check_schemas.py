#!/usr/bin/env python3
"""Checks generated schemas with an independent JSON Schema implementation.

Every <name>.schema.json in the given folders must be a valid JSON Schema
2020-12 document (checked against the official meta-schema). Each instance
file in --instances is named <full.message.name>.<case>.valid.json or
<full.message.name>.<case>.invalid.json (any other name is an error):
  - a .valid.json file is an instance the schema of that message must accept;
  - a .invalid.json file is {"rejected_by": [{"keyword": K, "at": P}, ...],
    "instance": ...}: the schema must reject the instance for exactly these
    reasons, each a failing keyword K at the JSON Pointer P of the instance
    ("" for the instance itself), so that a rejection for another reason fails.
"""
import argparse
import json
import pathlib
import sys

import jsonschema


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def pointer(path):
    return "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in path)


def check_instance(path, schemas):
    """Returns the failure for one instance file, or None."""
    parts = path.name.split(".")
    if len(parts) < 4 or parts[-2] not in ("valid", "invalid"):
        return f"{path.name}: not named <full.message.name>.<case>.valid.json or .invalid.json"
    expectation = parts[-2]
    message = ".".join(parts[:-3])
    if message not in schemas:
        return f"{path.name}: no schema for {message}"
    validator = jsonschema.Draft202012Validator(
        schemas[message], format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    content = load(path)
    if expectation == "valid":
        errors = list(validator.iter_errors(content))
        if errors:
            return f"{path.name}: rejected: {errors[0].message} at {pointer(errors[0].absolute_path)!r}"
        return None
    if not isinstance(content, dict) or set(content) != {"rejected_by", "instance"}:
        return f"{path.name}: an .invalid.json file holds {{\"rejected_by\": [...], \"instance\": ...}}"
    expected = sorted((reason["keyword"], reason["at"]) for reason in content["rejected_by"])
    if not expected:
        return f"{path.name}: rejected_by names no reason"
    errors = list(validator.iter_errors(content["instance"]))
    actual = sorted((error.validator, pointer(error.absolute_path)) for error in errors)
    if not actual:
        return f"{path.name}: accepted, but it breaks a rule ({expected})"
    if actual != expected:
        return f"{path.name}: rejected for {actual}, not for {expected}: " + "; ".join(e.message for e in errors)
    return None


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
        files = sorted(path for path in args.instances.iterdir() if path.is_file())
        if not files:
            failures.append(f"{args.instances}: no instance files")
        for path in files:
            instance_count += 1
            failure = check_instance(path, schemas)
            if failure:
                failures.append(failure)

    for failure in failures:
        print("FAIL", failure)
    print(f"{len(schemas)} schemas, {instance_count} instances checked, {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
