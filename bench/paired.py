#!/usr/bin/env python3
"""Paired A/B figures from alternating rounds. Usage: paired.py ROUNDS_FILE NAME_A NAME_B LABEL...
ROUNDS_FILE has one line per run, `current <figures…>` or `baseline <figures…>`, A and B in turn; each LABEL
names one column of figures (higher is better). Prints each side's median and the A/B ratio of each pair."""
import statistics, sys

path, name_a, name_b, labels = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
runs = {"current": [], "baseline": []}
for line in open(path):
    words = line.split()
    if words:
        runs[words[0]].append([float(w) for w in words[1:]])
for column, label in enumerate(labels):
    a = [r[column] for r in runs["current"]]
    b = [r[column] for r in runs["baseline"]]
    ratios = sorted(x / y for x, y in zip(a, b))
    print(f"{label}: {name_a} median {statistics.median(a):.2f}, {name_b} median {statistics.median(b):.2f}; "
          f"{name_a} / {name_b} paired: median {statistics.median(ratios):.3f}, "
          f"range {ratios[0]:.3f} to {ratios[-1]:.3f} over {len(ratios)} pairs")
