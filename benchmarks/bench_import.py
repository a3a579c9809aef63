"""Benchmark: importing a 1,000-slice CT series and 200 ten-page PDFs.

Run: python3 benchmarks/bench_import.py [--slices 1000] [--pdfs 200]
Targets: CT import <= 1.5x a baseline that reads, SHA-256-hashes and copies the
same bytes into the library folder (with fsync and rename, as a safe copy must), peak
memory < 300 MB; PDFs >= 300 pages/s.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from machine import timing_notes
from memory import PeakMemory

from recordorg.core.catalogue.library import Library, stage_copy
from recordorg.core.progress import run_to_end
from recordorg.jobs.importer import import_paths


def baseline(files: list[Path], target: Path) -> float:
    """Read, hash and copy each file into a folder (fsync + rename), nothing else."""
    staging, store = target / "staging", target / "originals"
    staging.mkdir(parents=True)
    store.mkdir()
    started = time.perf_counter()
    for path in files:
        staged = stage_copy(path, staging)
        staged.path.rename(store / staged.sha256)
    return time.perf_counter() - started


def bench_ct(work: Path, slices: int) -> None:
    from recordorg.samples.dicom import make_series

    t0 = time.perf_counter()
    files = make_series(work / "ct", slices=slices, rows=512, cols=512)
    size = sum(p.stat().st_size for p in files)
    print(
        f"CT series: {len(files)} slices, {size / 1e6:.0f} MB "
        f"(made in {time.perf_counter() - t0:.0f} s from pydicom's CT_small.dcm)"
    )
    for note in timing_notes():
        print(f"  NOTE: {note}")
    base1 = baseline(files, work / "base1")
    library = Library.open(work / "lib")
    with PeakMemory() as memory:
        started = time.perf_counter()
        report = run_to_end(import_paths(library, [work / "ct"]))
        elapsed = time.perf_counter() - started
    base2 = baseline(files, work / "base2")
    base = min(base1, base2)
    assert len(report.imported) == len(files), report.counts()
    print(
        f"  baseline read+hash+copy: {base1:.2f} s / {base2:.2f} s (best {base:.2f} s, "
        f"{size / 1e6 / base:.0f} MB/s)"
    )
    print(
        f"  recordorg import:        {elapsed:.2f} s ({size / 1e6 / elapsed:.0f} MB/s, "
        f"{len(files) / elapsed:.0f} files/s)"
    )
    print(f"  ratio import / baseline: {elapsed / base:.2f}  (target <= 1.5)")
    print(
        f"  peak memory (import process and its readers): {memory.peak_mb:.0f} MB (target < 300 MB)"
    )
    library.close()


def bench_pdfs(work: Path, count: int) -> None:
    from recordorg.samples.documents import make_text_pdf
    from recordorg.samples.texts import all_texts

    texts = all_texts()
    folder = work / "pdfs"
    t0 = time.perf_counter()
    for n in range(count):
        text = texts[n % len(texts)]
        make_text_pdf(
            folder / f"report-{n:03d}.pdf",
            f"{text.title} {n}",
            list(text.lines) + [f"Reference number {n}."],
            pages=10,
            creation_date=datetime(2024, 1 + n % 12, 1 + n % 28),
        )
    print(f"PDFs: {count} x 10 pages (made in {time.perf_counter() - t0:.0f} s)")
    library = Library.open(work / "pdflib")
    started = time.perf_counter()
    report = run_to_end(import_paths(library, [folder]))
    elapsed = time.perf_counter() - started
    pages = library.connection().execute("SELECT count(*) FROM pages").fetchone()[0]
    assert len(report.imported) == count, report.counts()
    print(
        f"  imported {pages} pages in {elapsed:.2f} s: {pages / elapsed:.0f} pages/s "
        f"(target >= 300; ratio {pages / elapsed / 300:.2f}x)"
    )
    library.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--slices", type=int, default=1000)
    parser.add_argument("--pdfs", type=int, default=200)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="recordorg-bench-", dir="/var/tmp"))
    try:
        if args.pdfs:
            bench_pdfs(work, args.pdfs)
        if args.slices:
            bench_ct(work, args.slices)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
