"""Benchmark: backing a library up (first time, then with nothing new), and restoring it.

Run: python3 benchmarks/bench_backup.py [--slices 300] [--pdfs 50]
Targets: a first backup in <= 4x the time of copying the same bytes durably (cp, then sync),
since it then reads every copy back from the disk and checks its hash; a backup with nothing
new costs only that read-back check; a restore, its own read-back and check included, <= 5x.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_export import make_library, originals, plain_copy
from machine import timing_notes

from recordorg.core.progress import run_to_end
from recordorg.jobs.backup import back_up
from recordorg.jobs.restore import restore


def timed(job) -> tuple[float, object]:
    started = time.perf_counter()
    result = run_to_end(job)
    return time.perf_counter() - started, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--slices", type=int, default=300)
    parser.add_argument("--pdfs", type=int, default=50)
    args = parser.parse_args()
    for note in timing_notes():
        print(f"note: {note}")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        library = make_library(work, args.slices, args.pdfs, 512, "library")
        files = originals(library)
        copy = plain_copy(files, work / "plain", durable=True)
        first, report = timed(back_up(library, work / "drive"))
        again, second = timed(back_up(library, work / "drive"))
        back, restored = timed(restore(work / "drive", work / "restored"))
        mb = report.total_bytes / 1e6
        print(f"  plain durable copy of {len(files)} files, {mb:.0f} MB: {copy:.2f} s")
        print(f"  first backup: {first:.2f} s ({first / copy:.1f}x the copy; target <= 4x)")
        print(f"  backup, nothing new ({second.copied} copied): {again:.2f} s")
        print(f"  restore with its check: {back:.2f} s ({back / copy:.1f}x; target <= 5x)")
        print(f"  restored {restored.records} records of {report.records}")
        library.close()


if __name__ == "__main__":
    main()
