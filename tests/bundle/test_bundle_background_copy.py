"""An export whose studies are copied by the copier beside it (as large exports are)."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from recordorg.bundle.plan import plan_bundle
from recordorg.bundle.verify import run_verify
from recordorg.core.catalogue.library import Library
from recordorg.core.progress import CancelToken
from recordorg.jobs import background_copy, export_phases
from recordorg.jobs.export import export_bundle, run_export

from .conftest import PERSON


@pytest.fixture(autouse=True)
def always_in_background(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(background_copy, "WORTH_IT_BYTES", 0)


def test_bundle_made_with_the_copier_verifies(
    demo_library: Path, bundle: Path, tmp_path: Path
) -> None:
    library = Library.open(demo_library)
    try:
        report = run_export(library, plan_bundle(library, person=PERSON), tmp_path / "OUT")
    finally:
        library.close()
    checked = run_verify(tmp_path / "OUT")
    assert checked.ok and checked.checked + 2 == report.files  # all but manifest and signature
    copied = sorted(
        p.relative_to(tmp_path / "OUT")
        for p in (tmp_path / "OUT").rglob("*")
        if p.is_file() and "DICOM" in p.parts
    )
    assert copied and all(
        (bundle / p).read_bytes() == (tmp_path / "OUT" / p).read_bytes() for p in copied
    )


def test_cancelled_while_copying_leaves_nothing(demo_library: Path, tmp_path: Path) -> None:
    library = Library.open(demo_library)
    try:
        cancel = CancelToken()
        job = export_bundle(
            library, plan_bundle(library, person=PERSON), tmp_path / "out", cancel=cancel
        )
        while True:
            if "REVIEW" in next(job).current:
                cancel.cancel()  # the copier is still copying the study
    except StopIteration as stop:
        assert stop.value.cancelled
    finally:
        library.close()
    assert list(tmp_path.iterdir()) == []


def test_a_copy_that_fails_fails_the_export_and_leaves_nothing(
    demo_library: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    class ShortSource(background_copy.BackgroundCopy):
        def __init__(self, jobs: list, **options) -> None:
            source, target, size = jobs[-1]
            super().__init__([*jobs[:-1], (source, target, size + 1)], **options)

    monkeypatch.setattr(export_phases, "BackgroundCopy", ShortSource)
    library = Library.open(demo_library)
    try:
        with pytest.raises(OSError) as raised:
            run_export(library, plan_bundle(library, person=PERSON), tmp_path / "out")
    finally:
        library.close()
    assert "changed size" in str(raised.value) and raised.value.errno != errno.EEXIST
    assert list(tmp_path.iterdir()) == []
