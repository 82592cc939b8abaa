#!/usr/bin/env python3
"""Validate a JUnit XML file written by mgaudit.

Two checks:
1. junitparser reads it (GitLab, Jenkins and the GitHub JUnit actions parse the same shape) and
   each suite's counts agree with its test cases.
2. The structure of the strict Apache Ant JUnit schema, the de-facto upper bound every consumer
   accepts (docs/formats.md): no attributes on <testsuites>; each <testsuite> with name, id (0, 1,
   2, ... in order), package, timestamp (ISO 8601 without a time zone), hostname, tests, failures,
   errors, time, then <properties>, the <testcase>s, <system-out> and <system-err>; each
   <testcase> with name, classname and time and at most one of <skipped>, <error>, <failure>;
   <failure> and <error> with a type.
With --xsd PATH the file is also validated against that XML schema with xmlschema (e.g. a copy of
the Ant schema; mgaudit does not ship one).

Usage: validate_junit.py FILE [--xsd PATH]
Exit 0: valid. Exit 1: invalid (each problem on stderr). Exit 2: a package is missing.
"""
import re
import sys
import xml.etree.ElementTree as ElementTree

from verdict import verdict

try:
    import junitparser
except ImportError as error:  # pragma: no cover - the point is to fail loudly
    sys.stderr.write(f"validate_junit.py: {error}; install it: python3 -m pip install junitparser xmlschema\n")
    sys.exit(2)

TIMESTAMP = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}$")
DECIMAL = re.compile(r"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)$")
INTEGER = re.compile(r"^[+-]?[0-9]+$")
SUITE_ATTRIBUTES = ("name", "id", "package", "timestamp", "hostname", "tests", "failures", "errors", "time")
OUTCOMES = ("skipped", "error", "failure")


def structure_problems(root):
    problems = []
    if root.tag != "testsuites":
        return [f"root element is <{root.tag}>, not <testsuites>"]
    if root.attrib:
        problems.append(f"<testsuites> has attributes {sorted(root.attrib)} (the Ant schema allows none)")
    for position, suite in enumerate(root):
        where = f"testsuite[{position}]"
        if suite.tag != "testsuite":
            problems.append(f"{where}: <{suite.tag}> inside <testsuites>")
            continue
        for name in SUITE_ATTRIBUTES:
            if not suite.get(name, "").strip():
                problems.append(f"{where}: attribute {name} missing or empty")
        if suite.get("id") not in (None, str(position)):
            problems.append(f"{where}: id {suite.get('id')!r}, expected {position}")
        if suite.get("timestamp") and not TIMESTAMP.match(suite.get("timestamp")):
            problems.append(f"{where}: timestamp {suite.get('timestamp')!r} is not YYYY-MM-DDTHH:MM:SS")
        for name in ("tests", "failures", "errors", "skipped"):
            if suite.get(name) is not None and not INTEGER.match(suite.get(name)):
                problems.append(f"{where}: {name} {suite.get(name)!r} is not an integer")
        if suite.get("time") and not DECIMAL.match(suite.get("time")):
            problems.append(f"{where}: time {suite.get('time')!r} is not a decimal")
        tags = [child.tag for child in suite]
        expected = ["properties"] + ["testcase"] * tags.count("testcase") + ["system-out", "system-err"]
        if tags != expected:
            problems.append(f"{where}: children {tags} are not properties, testcase*, system-out, system-err")
        for prop in suite.iter("property"):
            if not prop.get("name", "").strip() or prop.get("value") is None:
                problems.append(f"{where}: <property> without name or value")
        names = set()
        counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
        for index, case in enumerate(suite.findall("testcase")):
            cwhere = f"{where}/testcase[{index}]"
            for name in ("name", "classname", "time"):
                if not case.get(name, "").strip():
                    problems.append(f"{cwhere}: attribute {name} missing or empty")
            if case.get("time") and not DECIMAL.match(case.get("time")):
                problems.append(f"{cwhere}: time {case.get('time')!r} is not a decimal")
            key = (case.get("classname"), case.get("name"))
            if key in names:
                problems.append(f"{cwhere}: duplicate test case {key} (GitLab keeps only the first)")
            names.add(key)
            outcomes = [child for child in case if child.tag in OUTCOMES]
            others = [child.tag for child in case if child.tag not in OUTCOMES]
            if len(outcomes) > 1:
                problems.append(f"{cwhere}: {len(outcomes)} outcomes (at most one of skipped, error, failure)")
            if others:
                problems.append(f"{cwhere}: unexpected children {others}")
            for outcome in outcomes:
                if outcome.tag in ("failure", "error") and not outcome.get("type", "").strip():
                    problems.append(f"{cwhere}: <{outcome.tag}> without type")
            counts["tests"] += 1
            for outcome in outcomes:
                counts[{"failure": "failures", "error": "errors", "skipped": "skipped"}[outcome.tag]] += 1
        for name, count in counts.items():
            given = suite.get(name)
            if given is not None and INTEGER.match(given) and int(given) != count:
                problems.append(f"{where}: {name}={given} but the test cases say {count}")
    return problems


def junitparser_problems(path):
    problems = []
    xml = junitparser.JUnitXml.fromfile(path)
    suites = list(xml) if isinstance(xml, junitparser.JUnitXml) else [xml]
    for suite in suites:
        cases = list(suite)
        failed = sum(1 for case in cases if any(isinstance(r, junitparser.Failure) for r in case.result))
        skipped = sum(1 for case in cases if any(isinstance(r, junitparser.Skipped) for r in case.result))
        if suite.tests != len(cases):
            problems.append(f"junitparser: suite {suite.name!r}: tests={suite.tests}, {len(cases)} cases")
        if suite.failures != failed:
            problems.append(f"junitparser: suite {suite.name!r}: failures={suite.failures}, {failed} failed cases")
        if suite.skipped != skipped:
            problems.append(f"junitparser: suite {suite.name!r}: skipped={suite.skipped}, {skipped} skipped cases")
        for case in cases:
            if not case.name or not case.classname:
                problems.append(f"junitparser: suite {suite.name!r}: a case without name or classname")
    return problems


def main(argv):
    args = argv[1:]
    xsd = None
    if "--xsd" in args:
        at = args.index("--xsd")
        if at + 1 >= len(args):
            sys.stderr.write("usage: validate_junit.py FILE [--xsd PATH]\n")
            return 2
        xsd = args[at + 1]
        del args[at:at + 2]
    if len(args) != 1:
        sys.stderr.write("usage: validate_junit.py FILE [--xsd PATH]\n")
        return 2
    path = args[0]
    try:
        root = ElementTree.parse(path).getroot()
    except ElementTree.ParseError as error:
        sys.stderr.write(f"{path}: not well-formed XML: {error}\n")
        return 1
    problems = structure_problems(root)
    try:
        problems += junitparser_problems(path)
    except Exception as error:  # junitparser raises various errors on a malformed file
        problems.append(f"junitparser cannot read it: {error}")
    if xsd is not None:
        try:
            import xmlschema
        except ImportError as error:
            sys.stderr.write(f"validate_junit.py: {error}; install it: python3 -m pip install xmlschema\n")
            return 2
        problems += [f"xsd: {error.reason} at {error.path}" for error in xmlschema.XMLSchema(xsd).iter_errors(path)]
    return verdict(path, problems, f"valid JUnit XML ({len(root)} test suites)")


if __name__ == "__main__":
    sys.exit(main(sys.argv))
