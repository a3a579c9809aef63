"""Benchmark: a CT stored compressed goes on the bundle's media uncompressed (STD-GEN-CD).

Run: python3 benchmarks/bench_media_profile.py [--slices 100]
Prints, for one CT stored uncompressed and the same CT stored RLE-compressed: the bytes
stored, the bytes on the media and the export's time. Target: decoding costs no more than
the uncompressed export's time again (<= 2x), and the media hold the uncompressed size.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pydicom.uid import ExplicitVRLittleEndian, RLELossless

from recordorg.bundle.plan import plan_bundle
from recordorg.core.catalogue.library import Library
from recordorg.core.progress import run_to_end
from recordorg.jobs.export import run_export
from recordorg.jobs.importer import import_paths
from recordorg.samples.dicom import make_series


def export_one(root: Path, name: str, syntax: str, slices: int) -> tuple[int, int, float]:
    """(bytes stored, bytes on the media, seconds to export) for one CT."""
    files = make_series(
        root / f"in-{name}",
        slices=slices,
        rows=512,
        cols=512,
        transfer_syntax=syntax,
        patient_name=f"EXAMPLE^{name.upper()}",
        patient_id=name,
    )
    library = Library.open(root / f"lib-{name}")
    try:
        run_to_end(import_paths(library, [root / f"in-{name}"], person=name))
        plan = plan_bundle(library, person=name)
        started = time.perf_counter()
        run_export(library, plan, root / f"out-{name}")
        seconds = time.perf_counter() - started
    finally:
        library.close()
    media = sum(p.stat().st_size for p in (root / f"out-{name}" / "DICOM").rglob("IM*"))
    return sum(p.stat().st_size for p in files), media, seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--slices", type=int, default=100)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        for name, syntax in (("plain", ExplicitVRLittleEndian), ("rle", RLELossless)):
            stored, media, seconds = export_one(Path(folder), name, syntax, args.slices)
            print(
                f"{name}: {args.slices} slices 512x512, stored {stored / 1e6:.1f} MB, "
                f"on the media {media / 1e6:.1f} MB, export {seconds:.2f} s"
            )


if __name__ == "__main__":
    main()
