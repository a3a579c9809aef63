"""Benchmark: the window's timeline with 2,000 items - building the scene and painting it.

Lays out a synthetic ten-year case (treatment lines, biomarkers, imaging, 1,600 record dots),
then times drawing it (the core's shapes, rows and labels) and painting the view at "fit
all", zoomed in (drawn again wider), while panning and while zooming. Paints offscreen
(raster), as a software fallback would.

Run: QT_QPA_PLATFORM=offscreen python3 benchmarks/bench_timeline_gui.py [--items 2000]
Target: smooth with 2,000 items, i.e. a frame well under 16 ms (60 fps).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from recordorg.core.case.review import CaseEntry, CaseReview, Citation
from recordorg.core.case.timeline import RecordDot, build_timeline


def synthetic_case(items: int, rng: random.Random) -> tuple[CaseReview, list[RecordDot]]:
    start = date(2015, 1, 1)

    def day(n: int) -> str:
        return (start + timedelta(days=n)).isoformat()

    entries = []
    lines = max(4, items // 40)
    for n in range(lines):
        first = n * 3650 // lines
        entries.append(
            CaseEntry(
                n,
                "treatment_line",
                rng.choice(["confirmed", "suggested"]),
                "person",
                {
                    "line_number": n + 1,
                    "regimen": f"Regimen {n}",
                    "start_date": day(first),
                    "end_date": day(first + rng.randint(30, 400)),
                },
                [Citation(n, n, 1, "quote")],
            )
        )
    for n in range(items // 8):
        kind = rng.choice(["biomarker", "imaging", "procedure", "event"])
        field = {
            "biomarker": "specimen_date",
            "imaging": "study_date",
            "procedure": "performed_on",
            "event": "start_date",
        }[kind]
        entries.append(
            CaseEntry(
                1000 + n,
                kind,
                rng.choice(["confirmed", "suggested"]),
                "person",
                {
                    field: day(rng.randint(0, 3650)),
                    "marker": "HER2",
                    "result": "negative",
                    "title": "Admission",
                },
                [Citation(n, 5000 + n, 1, "quote")],
            )
        )
    dots = [
        RecordDot(20000 + n, f"Record {n}", day(rng.randint(0, 3650)), "other")
        for n in range(items - len(entries))
    ]
    return CaseReview("Test Person", 1, entries), dots


def frame_ms(canvas, app, frames: int, step=None) -> list[float]:
    times = []
    for n in range(frames):
        if step:
            step(n)
        app.processEvents()
        started = time.perf_counter()
        canvas.viewport().grab()
        times.append((time.perf_counter() - started) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=2000)
    parser.add_argument("--frames", type=int, default=40)
    args = parser.parse_args()
    from PySide6.QtWidgets import QApplication

    import recordorg.gui  # noqa: F401  (its PySide6 guard must load first)
    from recordorg.gui.case.timeline_view import TimelineView

    app = QApplication.instance() or QApplication([])
    case, dots = synthetic_case(args.items, random.Random(1))
    started = time.perf_counter()
    layout = build_timeline(case, dots, date(2025, 1, 1))
    layout_ms = (time.perf_counter() - started) * 1000
    view = TimelineView()
    view.resize(1400, 800)
    view.show()
    app.processEvents()
    started = time.perf_counter()
    view.canvas.show_layout(layout)
    app.processEvents()
    build_ms = (time.perf_counter() - started) * 1000
    canvas = view.canvas
    fit = frame_ms(canvas, app, args.frames)
    canvas.set_zoom(canvas.zoom * 8)
    zoomed = frame_ms(canvas, app, args.frames)
    bar = canvas.horizontalScrollBar()
    panning = frame_ms(
        canvas,
        app,
        args.frames,
        lambda n: bar.setValue(bar.minimum() + n * (bar.maximum() // args.frames)),
    )
    canvas.fit_all()
    relayout = []
    for n in range(6):
        started = time.perf_counter()
        canvas.set_zoom(canvas.zoom * (1.5 if n < 3 else 1 / 1.5))
        relayout.append((time.perf_counter() - started) * 1000)
    zooming = frame_ms(
        canvas,
        app,
        args.frames,
        lambda n: canvas.set_zoom(canvas.zoom * (1.1 if n % 20 < 10 else 0.9)),
    )
    scene = canvas.drawing
    print(
        f"timeline with {len(layout.items())} items, {len(scene.shapes)} shapes, "
        f"{len(scene.key)} numbered in the key at fit-all width"
    )
    print(f"layout (core) {layout_ms:.1f} ms; drawing and showing it {build_ms:.1f} ms")
    print(
        f"a zoom step (laid out again at the new width) median "
        f"{statistics.median(relayout):.0f} ms, worst {max(relayout):.0f} ms"
    )
    for name, times in (
        ("fit all", fit),
        ("zoomed 8x", zoomed),
        ("panning", panning),
        ("zooming", zooming),
    ):
        median, worst = statistics.median(times), max(times)
        print(
            f"{name:<10} frame median {median:5.1f} ms, worst {worst:5.1f} ms "
            f"(~{1000 / median:,.0f} fps)"
        )


if __name__ == "__main__":
    main()
