"""Benchmark: peak memory of an import of the bomb corpus (decompression bombs and the rest of
the hostile samples), for the whole process tree (the importing process, the server the
readers are forked from, and the readers).

Run: python3 benchmarks/bench_hostile_memory.py [--dicom-mb 512] [--copies 2]
Prints the peak sum of RSS (shared pages counted in every process, as the target is stated)
and of PSS, sampled every 20 ms, and each bomb's reason. Target: <= 1.5 GB (RSS).
The corpus: tests/samplemakers/hostile.py's files, plus `--copies` PDF Flate bombs (1 MB on
disk, 1 GiB unpacked), PNG bombs and PDF picture bombs, each a little different so that
several readers meet a bomb at once, and a DICOM image with `--dicom-mb` MiB of compressed
pixels (sparse on disk; the import copies it whole into the library's staging folder).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from memory import PeakMemory

from recordorg.core.catalogue.library import Library
from recordorg.core.progress import run_to_end
from recordorg.jobs.importer import import_paths
from tests.samplemakers.hostile import (
    bomb_dicom,
    bomb_pdf,
    bomb_png,
    make_hostile_files,
    picture_bomb_pdf,
)

TARGET_MB = 1536


def make_corpus(folder: Path, dicom_mb: int, copies: int) -> list[Path]:
    """The hostile samples and the bombs; returns the bombs."""
    make_hostile_files(folder / "hostile")
    bombs = folder / "bombs"
    bombs.mkdir()
    made = [bomb_dicom(bombs / "huge_pixels.dcm", compressed=dicom_mb << 20)]
    for n in range(copies):
        for name, data in (
            (f"flate_bomb_{n}.pdf", bomb_pdf((1 << 30) + 2 * n)),
            (f"picture_bomb_{n}.pdf", picture_bomb_pdf(20_000 + n)),
            (f"bomb_{n}.png", bomb_png(30_000 + n)),
        ):
            (bombs / name).write_bytes(data)
            made.append(bombs / name)
    return made


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dicom-mb", type=int, default=512)
    parser.add_argument("--copies", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="recordorg-bench-hostile-") as tmp:
        root = Path(tmp)
        bombs = make_corpus(root / "corpus", args.dicom_mb, args.copies)
        library = Library.open(root / "library")
        started = time.perf_counter()
        try:
            with PeakMemory(0.02, "Rss") as rss, PeakMemory(0.02) as pss:
                report = run_to_end(import_paths(library, [root / "corpus"]))
        finally:
            library.close()
        seconds = time.perf_counter() - started
    reasons = {Path(item.path).name: item.reason for item in report.failed}
    print(f"imported {len(report.imported)}, failed {len(report.failed)} in {seconds:.1f} s")
    for bomb in bombs:
        print(f"  {bomb.name}: {reasons.get(bomb.name, 'IMPORTED (not refused)')}")
    verdict = "ok" if rss.peak_mb <= TARGET_MB else "OVER TARGET"
    print(f"peak memory of the import's process tree: {rss.peak_mb:.0f} MB RSS (sum), ")
    print(f"  {pss.peak_mb:.0f} MB PSS; target <= {TARGET_MB} MB RSS: {verdict}")


if __name__ == "__main__":
    main()
