#!/usr/bin/env python3
"""Reads `dotnet-gcdump report` output (bench/profile.sh memory).

  gcdump-diff.py --total REPORT          the live heap in MB (the report's "GC Heap bytes", else the sum of its types)
  gcdump-diff.py BEFORE AFTER [N]        the N types whose live bytes changed most from BEFORE to AFTER

A type's row is "<bytes of one object> <count> <type>" (numbers may carry thousands separators), so a row's
bytes are their product; the report splits a type into rows by object size ("(Bytes > 10K)") and names its
assembly, and both are summed into one type here.
"""
import re
import sys

ROW = re.compile(r"^\s*([\d,]+)\s+([\d,]+)\s+(.+?)\s*$")
DETAIL = re.compile(r"\s*\(Bytes > [^)]*\)|\s*\[[^\]]*\]\s*$")
TOTAL = re.compile(r"^\s*([\d,]+)\s+GC Heap bytes", re.IGNORECASE)


def read(path):
    types, total = {}, None
    with open(path, encoding="utf-8") as report:
        for line in report:
            if (match := TOTAL.match(line)) is not None:
                total = int(match.group(1).replace(",", ""))
            elif (match := ROW.match(line)) is not None:
                count = int(match.group(2).replace(",", ""))
                size, name = int(match.group(1).replace(",", "")) * count, DETAIL.sub("", match.group(3))
                before = types.get(name, (0, 0))
                types[name] = (before[0] + size, before[1] + count)
    return types, total if total is not None else sum(size for size, _ in types.values())


if sys.argv[1] == "--total":
    print(f"{read(sys.argv[2])[1] / (1024 * 1024):.1f}")
    sys.exit(0)

before, before_total = read(sys.argv[1])
after, after_total = read(sys.argv[2])
limit = int(sys.argv[3]) if len(sys.argv) > 3 else 20
changes = sorted(((after.get(t, (0, 0))[0] - before.get(t, (0, 0))[0], after.get(t, (0, 0))[1] - before.get(t, (0, 0))[1], t)
                  for t in set(before) | set(after)), key=lambda c: -abs(c[0]))
print(f"live heap {before_total / 1048576:.1f} MB -> {after_total / 1048576:.1f} MB ({(after_total - before_total) / 1048576:+.2f} MB)")
print("| bytes | objects | type |\n|---:|---:|---|")
for size, count, name in changes[:limit]:
    print(f"| {size:+,} | {count:+,} | {name} |")
