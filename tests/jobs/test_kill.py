"""A real SIGKILL of an import at several moments loses nothing already committed."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from recordorg.core.catalogue.check import check_library
from recordorg.core.catalogue.library import Library
from recordorg.samples.dicom import make_series
from recordorg.samples.documents import make_text_pdf
from tests.jobs.conftest import run_import

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def batch(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("batch")
    for n in range(40):
        make_text_pdf(
            folder / "letters" / f"letter-{n:02d}.pdf",
            f"Clinic letter {n}",
            [f"Letter number {n} about the follow-up visit."] * 20,
            pages=3,
        )
    make_series(folder / "ct", slices=60, rows=256, cols=256)
    return folder


def _committed(catalogue: Path) -> set[str]:
    if not catalogue.exists():
        return set()
    try:
        conn = sqlite3.connect(f"file:{catalogue}?mode=ro", uri=True, timeout=5)
        try:
            rows = conn.execute(
                "SELECT sha256 FROM records WHERE sha256 NOT NULL "
                "UNION SELECT sha256 FROM dicom_instances"
            ).fetchall()
        finally:
            conn.close()
    except sqlite3.OperationalError:  # the schema is not there yet
        return set()
    return {r[0] for r in rows}


def _descendants(pid: int) -> set[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    found, stack = set(), [pid]
    while stack:
        for child in children.get(stack.pop(), []):
            found.add(child)
            stack.append(child)
    return found


def _wait_gone(pids: set[int], seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        alive = set()
        for pid in pids:
            try:
                state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
            except OSError:
                continue
            if state != "Z":
                alive.add(pid)
        if not alive:
            return
        time.sleep(0.01)
    raise AssertionError(f"helper processes outlived the import: {sorted(alive)}")


@pytest.mark.parametrize("kill_after", [0, 8, 45])
def test_sigkill_during_import(batch: Path, tmp_path: Path, kill_after: int) -> None:
    root = tmp_path / "library"
    catalogue = root / "catalogue.sqlite"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "recordorg.cli.main",
            "--library",
            str(root),
            "import",
            str(batch),
            "--workers",
            "2",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 120
    seen: set[str] = set()
    while time.monotonic() < deadline and process.poll() is None:
        seen = _committed(catalogue)
        if len(seen) >= kill_after and (kill_after or catalogue.exists()):
            break
        time.sleep(0.005)
    assert process.poll() is None, "the import finished before it could be killed"
    seen = _committed(catalogue)
    helpers = _descendants(process.pid)  # the readers' server and the readers
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL
    _wait_gone(helpers)  # they end with the import (a reader would otherwise keep a file)

    library = Library.open(root)  # empties staging, removes uncommitted originals
    after = _committed(catalogue)
    assert seen <= after, "a committed record was lost"
    assert len(after) < 100, "the kill came after the import had finished its work"
    report = check_library(library)
    assert report.ok, report.to_json()

    finish = run_import(library, [batch])
    assert not finish.failed
    total = len(_committed(catalogue))
    assert total == 40 + 60  # every letter and every slice, once
    assert check_library(library).ok
    library.close()
