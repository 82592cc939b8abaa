#!/usr/bin/env python3
"""Check a CSV report of mgaudit against the JSON report of the same run (docs/formats.md):
Python's csv module reads it; the header is the fixed column list; each row is one active finding
of the JSON report, in the same order, with the same tenant, rule, subject and fingerprint (input
text shown as mgaudit shows it: invisible characters as ⟨U+XXXX⟩, a leading formula character
neutralised with '); rows end with CRLF; the byte order mark is there, or not with --no-bom.

Usage: check_csv.py CSV JSON [--no-bom]
Exit 0: consistent. Exit 1: not (each problem on stderr). Exit 2: usage.
"""
import csv
import io
import json
import sys
import unicodedata

from verdict import verdict

COLUMNS = ["tenant", "severity", "rule", "subject", "message", "guideStep", "fingerprint", "change"]
INVISIBLE = {"Cc", "Cf", "Zs", "Zl", "Zp", "Mn", "Me", "Cn", "Co", "Cs"}
FORMULA = ("=", "+", "-", "@", "\t", "\r")


def visible(text):
    """mgaudit's VisibleText.escape: invisible characters as ⟨U+XXXX⟩, an ASCII space kept
    except at either end."""
    out = []
    for index, char in enumerate(text):
        edge = index == 0 or index == len(text) - 1
        if char == " " and not edge:
            out.append(char)
        elif unicodedata.category(char) in INVISIBLE:
            out.append("⟨U+%04X⟩" % ord(char))
        else:
            out.append(char)
    return "".join(out)


def cell(text):
    return "'" + text if text.startswith(FORMULA) else text


def main(argv):
    args = argv[1:]
    bom = "--no-bom" not in args
    args = [a for a in args if a != "--no-bom"]
    if len(args) != 2:
        sys.stderr.write("usage: check_csv.py CSV JSON [--no-bom]\n")
        return 2
    csv_path, json_path = args
    raw = open(csv_path, "rb").read()
    problems = []
    has_bom = raw.startswith(b"\xef\xbb\xbf")
    if has_bom != bom:
        problems.append("byte order mark " + ("missing" if bom else "present but not asked for"))
    text = raw.decode("utf-8-sig" if has_bom else "utf-8")
    if text and not text.endswith("\r\n"):
        problems.append("the last row does not end with CRLF")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if not rows or rows[0] != COLUMNS:
        problems.append(f"header {rows[0] if rows else None} != {COLUMNS}")
    report = json.load(open(json_path, encoding="utf-8"))
    expected = []
    for tenant in report["tenants"]:
        for finding in tenant["findings"]:
            expected.append([cell(visible(tenant["name"])), finding["severity"], cell(visible(finding["rule"])),
                             cell(visible(finding["subject"])), finding["fingerprint"], finding.get("change", "")])
    got = [[row[0], row[1], row[2], row[3], row[6], row[7]] for row in rows[1:] if len(row) == len(COLUMNS)]
    if any(len(row) != len(COLUMNS) for row in rows[1:]):
        problems.append("a row does not have %d cells" % len(COLUMNS))
    if len(got) != len(expected):
        problems.append(f"{len(got)} rows, the JSON report has {len(expected)} findings")
    for index, (want, have) in enumerate(zip(expected, got)):
        if want != have:
            problems.append(f"row {index + 2}: {have} != JSON {want}")
    for index, row in enumerate(rows[1:]):
        for value in row:
            if value.startswith(FORMULA):
                problems.append(f"row {index + 2}: cell {value!r} starts with a formula character")
    return verdict(csv_path, problems, f"{len(got)} rows match {json_path}")


if __name__ == "__main__":
    sys.exit(main(sys.argv))
