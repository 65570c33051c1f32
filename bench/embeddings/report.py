"""Medians and ratios of bench/embeddings/run.sh's runs.txt; fails if the checksums disagree.

Usage: python3 report.py runs.txt file-bytes
"""
import re
import statistics
import sys

LINE = re.compile(r"^(warm|cold) ((?:ours|ours_thp|ours_xms)(?:_again)?|numpy) \d+ x \d+: ([0-9.]+) s, ([0-9.]+) GB/s, checksum (\d+)$")
runs = {}
checksums = set()
for line in open(sys.argv[1]):
    m = LINE.match(line.strip())
    if not m:
        sys.exit(f"{sys.argv[1]}: unexpected line: {line.strip()}")
    cache, side, seconds, _, checksum = m.groups()
    runs.setdefault((cache, side), []).append(float(seconds))
    checksums.add(checksum)
if len(checksums) != 1:
    sys.exit(f"checksums disagree: {sorted(checksums)}")
size = int(sys.argv[2])
NAMES = {"ours": "ours, first read in a fresh JVM", "ours_thp": "ours, fresh JVM, -XX:+UseTransparentHugePages",
         "ours_xms": "ours, fresh JVM, huge pages and -Xms6g",
         "ours_again": "ours, second read in the same JVM", "ours_thp_again": "ours, huge pages, second read",
         "ours_xms_again": "ours, huge pages and -Xms6g, second read"}
print("| page cache | side | median s (GB/s) | numpy median s (GB/s) | ratio numpy / ours | repeats |")
print("|---|---|---:|---:|---:|---:|")
for cache in ("warm", "cold"):
    if (cache, "numpy") not in runs:
        continue
    t = statistics.median(runs[(cache, "numpy")])
    for side, name in NAMES.items():
        # in the cold round the second read finds the file cached by the first, so it is left out
        if (cache, side) in runs and not (cache == "cold" and side.endswith("_again")):
            o = statistics.median(runs[(cache, side)])
            print(f"| {cache} | {name} | {o:.3f} ({size / o / 1e9:.2f}) | {t:.3f} ({size / t / 1e9:.2f}) "
                  f"| {t / o:.2f}x | {len(runs[(cache, side)])} |")
print(f"\nchecksum (both sides, every run): {checksums.pop()}")
