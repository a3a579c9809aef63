"""Benchmark: exporting a case-review bundle, and writing its DICOMDIR.

Run: python3 benchmarks/bench_export.py [--slices 1000] [--pdfs 100] [--big-gb 2]
                                        [--dicomdir 1000] [--compare-pydicom] [--cold]
Targets: a 1,000-slice CT plus 100 PDFs exports in <= 2x the time of copying the
same bytes (cp); a 2 GB export streams with peak memory <= 300 MB; the DICOMDIR of 1,000
instances is written in <= 2 s.
"""

from __future__ import annotations

import argparse
import os
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

from recordorg.bundle.plan import plan_bundle
from recordorg.core.catalogue.library import Library
from recordorg.core.progress import run_to_end
from recordorg.jobs.export import run_export
from recordorg.jobs.importer import import_paths


def make_library(work: Path, slices: int, pdfs: int, size: int, name: str) -> Library:
    from recordorg.samples.dicom import make_series
    from recordorg.samples.documents import make_text_pdf
    from recordorg.samples.texts import all_texts

    source = work / f"{name}-files"
    t0 = time.perf_counter()
    if slices:
        make_series(source / "ct", slices=slices, rows=size, cols=size)
    texts = all_texts()
    for n in range(pdfs):
        text = texts[n % len(texts)]
        make_text_pdf(
            source / f"report-{n:03d}.pdf",
            f"{text.title} {n}",
            list(text.lines) + [f"Reference number {n}."],
            pages=2,
            creation_date=datetime(2024, 1 + n % 12, 1 + n % 28),
        )
    made = time.perf_counter() - t0
    library = Library.open(work / name)
    report = run_to_end(import_paths(library, [source], person="Bench Person"))
    shutil.rmtree(source)
    total = library.connection().execute("SELECT sum(size) FROM records").fetchone()[0] or 0
    print(
        f"  library: {len(report.imported)} files, {total / 1e6:.0f} MB "
        f"(made in {made:.0f} s, imported)"
    )
    return library


def originals(library: Library) -> list[Path]:
    return [library.original_path(sha) for sha in sorted(library.referenced_hashes())]


def evict(files: list[Path]) -> None:
    """Drop these files from the page cache (after a sync), so the next read is from disk."""
    os.sync()
    for path in files:
        fd = os.open(path, os.O_RDONLY)
        try:
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        finally:
            os.close(fd)


def plain_copy(files: list[Path], target: Path, durable: bool = False) -> float:
    """What a person would do by hand: copy the same files to a new folder (cp); with
    `durable`, the time runs until the bytes are on disk (sync), not just in the cache."""
    target.mkdir()
    started = time.perf_counter()
    for n, path in enumerate(files):
        shutil.copyfile(path, target / f"F{n:07d}")
    if durable:
        os.sync()
    return time.perf_counter() - started


def export_once(library: Library, target: Path, durable: bool = False) -> tuple[float, object]:
    plan = plan_bundle(library, person="Bench Person")
    started = time.perf_counter()
    report = run_export(library, plan, target)
    if durable:
        os.sync()
    return time.perf_counter() - started, report


def bench_ratio(work: Path, slices: int, pdfs: int, cold: bool) -> None:
    cache = "cold: read from disk" if cold else "warm: in the page cache"
    print(
        f"Export of a {slices}-slice CT (512x512) and {pdfs} PDFs, against a plain copy ({cache}):"
    )
    for note in timing_notes():
        print(f"  NOTE: {note}")
    library = make_library(work, slices, pdfs, 512, "ratio")
    files = originals(library)
    for durable in (False, True):
        copies, exports = [], []
        for attempt in range(5):  # alternate, so both see the same (warm) page cache; and
            os.sync()  # start each from clean pages, not another's write-back
            if cold:
                evict(files)
            copies.append(plain_copy(files, work / f"copy{attempt}", durable))
            os.sync()
            if cold:
                evict(files)
            seconds, report = export_once(library, work / f"bundle{attempt}", durable)
            exports.append(seconds)
            shutil.rmtree(work / f"copy{attempt}")
            if attempt == 0 and not durable:
                print(f"  bundle: {report.files} files, {report.bytes / 1e6:.0f} MB")
            shutil.rmtree(work / f"bundle{attempt}")
        copy, export = sorted(copies)[2], sorted(exports)[2]
        how = "until on disk (both end with sync)" if durable else "until written to the page cache"
        print(f"  timed {how}:")
        print(
            f"    plain copy (cp):  {' / '.join(f'{c:.2f}' for c in copies)} s "
            f"(median {copy:.2f} s)"
        )
        print(
            f"    recordorg export: {' / '.join(f'{e:.2f}' for e in exports)} s "
            f"(median {export:.2f} s)"
        )
        print(f"    ratio export / copy: {export / copy:.2f} median to median  (target <= 2)")
    library.close()


def bench_memory(work: Path, gigabytes: float) -> None:
    slices = int(gigabytes * 1e9 / (1024 * 1024 * 2 + 2000))
    print(f"Export of {gigabytes:g} GB ({slices} slices of 1024x1024) and 20 PDFs, memory:")
    library = make_library(work, slices, 20, 1024, "big")
    with PeakMemory() as memory:
        seconds, report = export_once(library, work / "big-bundle")
    print(
        f"  exported {report.bytes / 1e9:.2f} GB in {seconds:.1f} s "
        f"({report.bytes / 1e6 / seconds:.0f} MB/s)"
    )
    print(
        f"  peak memory (PSS of the exporting process): {memory.peak_mb:.0f} MB (target <= 300 MB)"
    )
    shutil.rmtree(work / "big-bundle")
    library.close()


def bench_dicomdir(work: Path, count: int, compare: bool) -> None:
    import pydicom

    from recordorg.bundle.dicom_media import media_instance
    from recordorg.bundle.dicomdir_writer import write_dicomdir
    from recordorg.bundle.names import dicom_file_id
    from recordorg.samples.dicom import make_series

    print(f"DICOMDIR of {count} instances:")
    media = work / "media"
    per_series = 250
    files = []
    for series in range(0, count, per_series):
        files += make_series(
            media / "src" / f"s{series}",
            slices=min(per_series, count - series),
            rows=32,
            cols=32,
            series_number=series + 1,
            seed=series,
        )
    instances = []
    started = time.perf_counter()
    for n, path in enumerate(files):
        ds = pydicom.dcmread(path, stop_before_pixels=True)
        instances.append(
            media_instance(ds, dicom_file_id(1, 1 + n // per_series, 1 + n % per_series))
        )
    headers = time.perf_counter() - started
    started = time.perf_counter()
    report = write_dicomdir(media / "DICOMDIR", instances)
    written = time.perf_counter() - started
    print(f"  header reads: {headers:.2f} s (done while copying in an export)")
    print(
        f"  DICOMDIR written: {written:.2f} s for {report.records} records "
        f"(target <= 2 s; ratio {written / 2:.2f} of the budget)"
    )
    if compare:
        from pydicom.fileset import FileSet

        started = time.perf_counter()
        file_set = FileSet()
        for path in files:
            file_set.add(path)
        file_set.write(media / "pydicom")
        print(
            f"  pydicom FileSet.add + write, for comparison: {time.perf_counter() - started:.2f} s"
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--slices", type=int, default=1000)
    parser.add_argument("--pdfs", type=int, default=100)
    parser.add_argument("--big-gb", type=float, default=2.0)
    parser.add_argument("--dicomdir", type=int, default=1000)
    parser.add_argument("--compare-pydicom", action="store_true")
    parser.add_argument(
        "--cold",
        action="store_true",
        help="read the library from disk: drop its files from the page cache",
    )
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="recordorg-bench-export-", dir="/var/tmp"))
    try:
        if args.dicomdir:
            bench_dicomdir(work, args.dicomdir, args.compare_pydicom)
        if args.slices or args.pdfs:
            bench_ratio(work, args.slices, args.pdfs, args.cold)
        if args.big_gb:
            bench_memory(work, args.big_gb)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
