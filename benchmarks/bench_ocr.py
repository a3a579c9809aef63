"""Benchmark: reading an A4 page scanned at 300 dpi with Tesseract (prints seconds per page).

Run: python3 benchmarks/bench_ocr.py [--pages 4] [--workers 2]
Target: an A4 page at 300 dpi read in <= 3 s here.

The page is a full page of fictional report text drawn at 300 dpi (2480 x 3508 pixels),
tilted a little as a scanner does. "one page" times the whole read of one page (straighten,
orientation, all installed languages); "in parallel" runs the OCR job's worker pool over
several pages and reports the time per page of wall clock.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PIL import Image

from recordorg.formats.deskew import skew_angle
from recordorg.formats.ocr import choose_languages, ocr_image, prepare
from recordorg.samples.render import render_page
from tests.samplemakers.corpus import make_corpus

A4_300_DPI = (2480, 3508)


def page(seed: int) -> tuple[Image.Image, str]:
    """A full A4 page of report text at 300 dpi, tilted by up to a degree."""
    lines: list[str] = []
    for doc in make_corpus(12, seed=seed):
        if doc.language.startswith("en"):
            lines += [doc.heading, *doc.lines]
    image = render_page(lines[:60], A4_300_DPI, paper=245, ink=25)
    return image.rotate(0.3 + (seed % 3) * 0.3, fillcolor=245), "\n".join(lines[:60])


def _read(path: str) -> str:
    with Image.open(path) as image:
        return ocr_image(image.copy()).text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    languages = choose_languages()
    print(f"Tesseract languages: {languages}")
    images = [page(seed) for seed in range(args.pages)]
    words = [len(text.split()) for _, text in images]
    ocr_image(images[0][0], languages)  # warm the disk cache
    times, stages = [], []
    for image, _ in images:
        started = time.perf_counter()
        ocr_image(image, languages)
        times.append(time.perf_counter() - started)
        t0 = time.perf_counter()
        prepared = prepare(image)
        t1 = time.perf_counter()
        skew_angle(prepared)
        stages.append((t1 - t0, time.perf_counter() - t1))
    print(
        f"one page, {statistics.mean(words):.0f} words: median {statistics.median(times):.2f} s,"
        f" worst {max(times):.2f} s  (target <= 3 s; ratio {statistics.median(times) / 3:.2f})"
    )
    print(
        f"  of which preparing {statistics.mean(s[0] for s in stages):.2f} s, measuring the "
        f"tilt {statistics.mean(s[1] for s in stages):.2f} s; the rest is Tesseract"
    )
    import tempfile

    from recordorg.jobs.sandbox import WorkerPool

    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for index, (image, _) in enumerate(images):
            path = Path(folder) / f"page{index}.png"
            image.save(path)
            paths.append(str(path))
        with WorkerPool(args.workers) as pool:
            started = time.perf_counter()
            outcomes = list(pool.run(iter((p, _read, (p,), 0.0) for p in paths)))
            wall = time.perf_counter() - started
    ok = sum(o.ok for o in outcomes)
    print(
        f"in parallel ({args.workers} workers): {len(paths)} pages in {wall:.2f} s, "
        f"{wall / len(paths):.2f} s a page of wall clock ({ok} read)"
    )


if __name__ == "__main__":
    main()
