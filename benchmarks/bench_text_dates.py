"""Benchmark: how fast the dates of a long record's text are read (MB of text a second).

Run: python3 benchmarks/bench_text_dates.py [--sizes 1,5]

Texts of 1 MB and 5 MB are made of the fictional case's clinical lines (reports, letters,
lab rows; some indented as text taken from XML is), one date about every 200 characters.
Prints, per text: the dates found, dates per MB, the seconds find_dates took and MB/s, and
the seconds a whole record's reading took with its time limit (read_record_dates, pages of
about 3,000 characters). A single page is read for dates up to PAGE_READ characters (4 MB),
so the 5 MB text as one page finds the dates of its first 4 MB. Target: >= 5 MB/s for
find_dates, and no record over 2 s.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from recordorg.core.understanding.dates import PAGE_READ, find_dates, read_record_dates
from tests.samplemakers.long_text import long_clinical_text

TARGET_MB_PER_SECOND = 5.0
RECORD_LIMIT_SECONDS = 2.0


def measure(size_mb: float) -> None:
    text = long_clinical_text(int(size_mb * 1_000_000))
    start = time.perf_counter()
    found = find_dates(text)
    took = time.perf_counter() - start
    pages = [(n + 1, text[i : i + 3000]) for n, i in enumerate(range(0, len(text), 3000))]
    start = time.perf_counter()
    read, _ = read_record_dates(pages)
    record = time.perf_counter() - start
    rate = min(size_mb, PAGE_READ / 1e6) / took  # of the text read
    print(
        f"{size_mb:g} MB: {len(found)} dates ({len(found) / size_mb:.0f} per MB) in {took:.2f} s"
        f" = {rate:.2f} MB/s (target >= {TARGET_MB_PER_SECOND:g}: "
        f"{'met' if rate >= TARGET_MB_PER_SECOND else 'NOT met'}); as one record of "
        f"{len(pages)} pages: {len(read)} dates in {record:.2f} s (limit "
        f"{RECORD_LIMIT_SECONDS:g} s: {'met' if record <= RECORD_LIMIT_SECONDS else 'NOT met'})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,5", help="text sizes in MB, comma-separated")
    for size in parser.parse_args().sizes.split(","):
        measure(float(size))


if __name__ == "__main__":
    main()
