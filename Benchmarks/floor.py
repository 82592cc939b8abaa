#!/usr/bin/env python3
"""The floor baseline for Benchmarks/run.sh: plain Python that only reads every tenant's files and
parses the JSON ones with orjson (`pip install orjson`), and audits nothing. mgaudit is measured
against this: reading a fleet cannot be cheaper than reading its bytes once.

usage: Benchmarks/floor.py DIR     (DIR holds one folder per tenant)
"""
import os
import sys

import orjson


def main():
    root = sys.argv[1]
    tenants = files = parsed = size = 0
    with os.scandir(root) as entries:
        folders = sorted(entry.path for entry in entries if entry.is_dir() and not entry.name.startswith("."))
    for folder in folders:
        tenants += 1
        with os.scandir(folder) as entries:
            names = sorted(entry.path for entry in entries if entry.is_file() and not entry.name.startswith("."))
        for path in names:
            with open(path, "rb") as f:
                data = f.read()
            files += 1
            size += len(data)
            if path.endswith(".json"):
                if data.startswith(b"\xff\xfe") or data.startswith(b"\xfe\xff"):
                    data = data.decode("utf-16").encode("utf-8")
                orjson.loads(data)
                parsed += 1
    print(f"floor: {tenants} tenants, {files} files, {parsed} JSON parsed, {size} bytes", file=sys.stderr)


if __name__ == "__main__":
    main()
