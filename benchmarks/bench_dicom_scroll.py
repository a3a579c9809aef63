"""Benchmark: scrolling through a compressed study in the viewer, with and without frames
decoded ahead in the decoder process.

Writes a JPEG 2000 CT series (hospital discs often carry compressed studies), opens it in the
study viewer (offscreen) and steps through it as a person turning the wheel does, one slice
every 100 ms and every 40 ms (10 and 25 a second), timing how long each step holds the
window (decode, window/level, drawing). Then the same with decoding ahead switched off.

Run: QT_QPA_PLATFORM=offscreen python3 benchmarks/bench_dicom_scroll.py [--slices 120]
Target: each step well under 40 ms (the next wheel step), so scrolling keeps up.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pydicom.uid import JPEG2000Lossless
from PySide6.QtCore import QEventLoop, QThreadPool, QTimer
from PySide6.QtWidgets import QApplication

from recordorg.core.catalogue.records import Record
from recordorg.core.catalogue.studies import StudyImage, StudySeries
from recordorg.gui.viewers import dicom_viewer
from recordorg.samples.dicom import make_series


def scroll(series: StudySeries, ahead: bool, step_ms: int) -> list[float]:
    dicom_viewer.SLOW_DECODE_MS = 12 if ahead else 1e9  # never start the decoder
    record = Record(
        1,
        "dicom",
        "CT",
        "imaging-study",
        "Imaging study",
        None,
        "2024-01-01",
        None,
        False,
        "",
        [],
        "",
        "",
        "",
        0,
        None,
        "1.2",
        0,
        False,
        "",
        None,
        "",
    )
    viewer = dicom_viewer.DicomViewer(record, [series], Path)
    viewer.resize(1000, 800)
    viewer.show()
    viewer.show_slice(0)
    loop = QEventLoop()
    QTimer.singleShot(1500, loop.quit)  # the decoder process starts, as while a person looks
    loop.exec()
    steps: list[float] = []

    def step() -> None:
        if viewer.current_slice + 1 >= viewer.slice_count():
            loop.quit()
            return
        started = time.perf_counter()
        viewer.show_slice(viewer.current_slice + 1)
        viewer.canvas.repaint()
        steps.append((time.perf_counter() - started) * 1000)

    timer = QTimer()
    timer.setInterval(step_ms)
    timer.timeout.connect(step)
    timer.start()
    loop.exec()
    timer.stop()
    viewer._decoder.close()
    QThreadPool.globalInstance().waitForDone()
    viewer.close()
    viewer.deleteLater()
    return steps


def report(label: str, steps: list[float], step_ms: int) -> None:
    late = sum(1 for s in steps if s > step_ms)
    ordered = sorted(steps)
    print(
        f"  {label}: median {statistics.median(steps):.1f} ms, 95th "
        f"{ordered[int(len(ordered) * 0.95)]:.1f} ms, worst {ordered[-1]:.1f} ms; "
        f"{late} of {len(steps)} steps longer than {step_ms} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--slices", type=int, default=120)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv)
    work = Path(tempfile.mkdtemp(prefix="recordorg-bench-scroll-"))
    try:
        paths = make_series(
            work / "j2k", slices=args.slices, rows=512, cols=512, transfer_syntax=JPEG2000Lossless
        )
        series = StudySeries(1, 1, "CT", "J2K", "")
        for n, path in enumerate(paths):
            series.images.append(StudyImage(str(path), n + 1, None, 1, 512, 512))
        for step_ms, how in (
            (100, "a person scrolling steadily, or playing at 10 a second"),
            (40, "a fast flick of the wheel"),
        ):
            print(
                f"Scrolling a {args.slices}-slice 512x512 JPEG 2000 CT, one slice every "
                f"{step_ms} ms ({how}):"
            )
            report("decoded ahead (decoder process)", scroll(series, True, step_ms), step_ms)
            report("decoded when shown", scroll(series, False, step_ms), step_ms)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    del app


if __name__ == "__main__":
    main()
