"""An export killed (SIGKILL) at a random moment leaves no bundle or a complete one that
verifies, nothing readable beside the target, no plaintext of an encrypted export anywhere,
and a library the next open leaves clean: folder, zip and encrypted zip exports, built in
staging or (target on another file system) in a marked folder beside the target."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from recordorg.bundle.signature import SIGNED
from recordorg.bundle.verify import run_verify
from recordorg.core.catalogue.check import check_library
from recordorg.core.catalogue.library import Library
from recordorg.core.catalogue.unfinished_exports import MARKER
from tests.bundle.conftest import PERSON
from tests.bundle.test_bundle_unfinished import PASSPHRASE, readable_files

TRIALS = 21
EXPORT = """
import sys
from pathlib import Path
from recordorg.bundle.plan import BundleOptions, plan_bundle
from recordorg.core.catalogue.library import Library
from recordorg.core.catalogue.unfinished_exports import MARKER
from recordorg.jobs.export import run_export

library = Library.open(Path(sys.argv[1]))
options = BundleOptions(passphrase=sys.argv[3] or None)
plan = plan_bundle(library, person=sys.argv[4], options=options)
print("start", flush=True)
run_export(library, plan, Path(sys.argv[2]))
print("done", flush=True)
"""
REPO = Path(__file__).resolve().parents[2]


def _start(root: Path, target: Path, passphrase: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO), "PYTHONSAFEPATH": "1"}
    return subprocess.Popen(
        [sys.executable, "-c", EXPORT, str(root), str(target), passphrase, PERSON],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )


def _export_seconds(root: Path, out: Path) -> float:
    """How long one export takes here, from its start to its end (not killed)."""
    process = _start(root, out / "calibrate.zip", PASSPHRASE)
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "start"
    began = time.monotonic()
    assert process.stdout.readline().strip() == "done"
    seconds = time.monotonic() - began
    process.wait()
    (out / "calibrate.zip").unlink()
    return seconds


def _kill_during_export(root: Path, target: Path, passphrase: str, at: float) -> None:
    process = _start(root, target, passphrase)
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "start"
    time.sleep(at)
    process.send_signal(signal.SIGKILL)
    process.wait()
    process.stdout.close()


def _check_after_kill(root: Path, out: Path, target: Path, passphrase: str) -> bool:
    """Check what the killed export left; True when it had finished its bundle."""
    for path in out.iterdir():  # the bundle, or the marked work of an export on another fs
        assert path == target or (path / MARKER).is_file(), path
    if passphrase:  # nothing readable anywhere, before anything is cleaned
        assert readable_files(root / "staging", out) == []
    finished = target.exists()
    if finished:
        report = run_verify(target, passphrase or None)
        assert report.ok and report.signature == SIGNED, report.problems()
    library = Library.open(root)
    try:
        assert not list((root / "staging").glob("export-*"))
        assert check_library(library, quick=True).ok
    finally:
        library.close()
    assert {p.name for p in out.iterdir()} <= {target.name}
    return finished


@pytest.mark.slow
def test_exports_killed_at_random_moments_leave_nothing_behind(
    demo_library: Path, tmp_path: Path
) -> None:
    root = Path(shutil.copytree(demo_library, tmp_path / "library"))
    elsewhere = Path("/dev/shm") if Path("/dev/shm").is_dir() else tmp_path  # another fs
    seconds = _export_seconds(root, tmp_path)
    rng = random.Random(20261204)
    outcomes = []
    for trial in range(TRIALS):
        kind = ("FOLDER", "case.zip", "secret.zip")[trial % 3]
        passphrase = PASSPHRASE if kind == "secret.zip" else ""
        base = elsewhere if trial % 2 else tmp_path
        out = Path(tempfile.mkdtemp(prefix="killed-export-", dir=base))
        try:
            at = rng.uniform(0.0, seconds * 1.2)
            _kill_during_export(root, out / kind, passphrase, at)
            outcomes.append(_check_after_kill(root, out, out / kind, passphrase))
        finally:
            shutil.rmtree(out, ignore_errors=True)
    assert len(outcomes) == TRIALS and not all(outcomes)  # most were killed midway
