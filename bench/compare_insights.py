#!/usr/bin/env python3
"""Checks that two insights documents agree, field for field.

Numbers may differ by rounding (|a - b| <= 1e-9 * max(1, |a|, |b|));
everything else (counts, dates, names, list lengths, nulls) must be equal.
Prints "agree: N fields" or the first differences, and exits 1 on any.

Usage: compare_insights.py THAW.json PANDAS.json
"""

import json
import sys


def walk(a, b, path, out, counter):
    if isinstance(a, dict) and isinstance(b, dict):
        if set(a) != set(b):
            out.append(f"{path}: keys {sorted(set(a) ^ set(b))} on one side only")
        for k in sorted(set(a) & set(b)):
            walk(a[k], b[k], f"{path}.{k}", out, counter)
    elif isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            out.append(f"{path}: {len(a)} items vs {len(b)}")
        for i, (x, y) in enumerate(zip(a, b)):
            walk(x, y, f"{path}[{i}]", out, counter)
    elif isinstance(a, bool) or isinstance(b, bool) or a is None or b is None \
            or isinstance(a, str) or isinstance(b, str):
        counter[0] += 1
        if a != b:
            out.append(f"{path}: {a!r} vs {b!r}")
    elif isinstance(a, (int, float)) and isinstance(b, (int, float)):
        counter[0] += 1
        if abs(a - b) > 1e-9 * max(1.0, abs(a), abs(b)):
            out.append(f"{path}: {a!r} vs {b!r}")
    else:
        counter[0] += 1
        out.append(f"{path}: {a!r} vs {b!r}")


def main():
    with open(sys.argv[1]) as f:
        thaw = json.load(f)
    with open(sys.argv[2]) as f:
        pandas = json.load(f)
    out, counter = [], [0]
    walk(thaw, pandas, "$", out, counter)
    if out:
        print(f"DISAGREE in {len(out)} of {counter[0]} fields; first ones:")
        for line in out[:15]:
            print("  " + line)
        sys.exit(1)
    print(f"agree: {counter[0]} fields")


if __name__ == "__main__":
    main()
