"""Benchmark: a CT series imported with readers started by `spawn` (as on Windows and macOS)
next to `forkserver` (Linux), each import in a fresh library.

Run: python3 benchmarks/bench_import_spawn.py [--slices 1000] [--rounds 1]
Target: spawn within 1.3x of forkserver (the readers are started once per import, not per
file, so spawn pays its interpreter starts once).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from machine import timing_notes

from recordorg.jobs.child_process import START_METHOD_VARIABLE

# Readers started by `spawn` run this script's top again (as `__mp_main__`): like the
# application's entry (`python -m recordorg`), it imports the import job only when it runs.
METHODS = ("forkserver", "spawn")


def import_once(folder: Path, library_folder: Path, method: str, expected: int) -> float:
    """Seconds to import `folder` into a new library with readers started by `method`."""
    from recordorg.core.catalogue.library import Library
    from recordorg.core.progress import run_to_end
    from recordorg.jobs.importer import import_paths

    os.environ[START_METHOD_VARIABLE] = method
    library = Library.open(library_folder)
    try:
        started = time.perf_counter()
        report = run_to_end(import_paths(library, [folder]))
        elapsed = time.perf_counter() - started
    finally:
        library.close()
    assert len(report.imported) == expected, report.counts()
    return elapsed


def main() -> None:
    from recordorg.samples.dicom import make_series

    parser = argparse.ArgumentParser()
    parser.add_argument("--slices", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="recordorg-bench-", dir="/var/tmp"))
    try:
        files = make_series(work / "ct", slices=args.slices, rows=512, cols=512)
        size = sum(p.stat().st_size for p in files)
        print(f"CT series: {len(files)} slices, {size / 1e6:.0f} MB")
        for note in timing_notes():
            print(f"  NOTE: {note}")
        if hasattr(os, "getloadavg"):  # other work on the machine slows spawn's starts most
            print(f"  load average (1 min) before: {os.getloadavg()[0]:.2f}")
        times: dict[str, list[float]] = {method: [] for method in METHODS}
        for round_ in range(args.rounds):
            for method in METHODS if round_ % 2 == 0 else reversed(METHODS):
                lib = work / f"lib-{method}-{round_}"
                times[method].append(import_once(work / "ct", lib, method, len(files)))
                shutil.rmtree(lib, ignore_errors=True)
        for method in METHODS:
            runs = ", ".join(f"{t:.2f}" for t in times[method])
            best = min(times[method])
            print(f"  {method:>10}: best {best:.2f} s ({size / 1e6 / best:.0f} MB/s; runs {runs})")
        ratio = min(times["spawn"]) / min(times["forkserver"])
        print(f"  ratio spawn / forkserver: {ratio:.2f}  (target <= 1.3)")
    finally:
        os.environ.pop(START_METHOD_VARIABLE, None)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
