#!/usr/bin/env python3
"""Checks a generated fleet against mgaudit's JSON Lines: every file recognised (no input-*
finding), and every tenant's pitfall producing the finding meant (Benchmarks/generate.py).

usage: mgaudit batch OUT --jsonl RESULTS.jsonl --as-of 2026-12-01 --rules rules
       Benchmarks/verify.py OUT RESULTS.jsonl
"""
import json
import os
import sys
from collections import Counter

# A pitfall may show as another finding when the sheet explains it better: a full-width letter or
# a trailing space in a registered URI that the sheet holds without it is a near miss of that URI.
ALSO = {"uri-nonascii": {"uri-near-miss"}, "uri-whitespace": {"uri-near-miss"}}


def main():
    fleet, results = sys.argv[1], sys.argv[2]
    expected = {}
    with open(os.path.normpath(fleet) + ".expected.tsv") as f:
        next(f)
        for line in f:
            name, pitfall, finding, sheet, manifest = line.rstrip("\n").split("\t")
            expected[name] = (pitfall, finding, sheet, manifest)
    bad, hits, kinds = [], Counter(), Counter()
    with open(results) as f:
        for line in f:
            tenant = json.loads(line)
            name = tenant["name"]
            rules = {finding["rule"] for finding in tenant["findings"]}
            for entry in tenant["inputs"]:
                kinds[entry["kind"]] += 1
            inputs = sorted(rule for rule in rules if rule.startswith("input-"))
            if inputs:
                bad.append(f"{name}: input findings {inputs}")
            pitfall, finding, sheet, manifest = expected.pop(name)
            if finding != "-":
                if rules & ({finding} | ALSO.get(finding, set())):
                    hits[pitfall] += 1
                else:
                    bad.append(f"{name}: {pitfall} ({sheet}, {manifest}) expected {finding}, got {sorted(rules)}")
    bad += [f"{name}: not in the results" for name in expected]
    print("inputs:", dict(sorted(kinds.items())))
    print("pitfalls found:", dict(sorted(hits.items())))
    for line in bad:
        print("FAIL", line)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
